package com.opencx.handoff.emulators.dataverse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The only entity sets, columns and navigation properties the emulator knows, copied from {@code
 * reference/dataverse.md}. A name missing here is the classic way an integration passes its own
 * tests and fails on a real org, so anything else is refused. {@code accounts}, {@code queues} and
 * {@code msdyn_ocliveworkstreamcontextvariables} exist only as bind targets with their key and
 * name.
 */
final class Schema {

  /** Column types, with their OData names for error messages. */
  enum Type {
    GUID("Edm.Guid"),
    STRING("Edm.String"),
    INT("Edm.Int32"),
    BOOL("Edm.Boolean");

    final String edm;

    Type(String edm) {
      this.edm = edm;
    }
  }

  /** A column; {@code maxLength} 0 means unbounded. */
  record Column(String name, Type type, int maxLength, boolean required) {}

  /** A single-valued navigation property usable with {@code <property>@odata.bind}. */
  record Bind(String property, String targetSet, String lookupColumn) {}

  /** An entity set with its key, columns, binds and valid statecode → statuscodes. */
  record Entity(
      String set,
      String logicalName,
      String key,
      Map<String, Column> columns,
      Map<String, Bind> binds,
      Map<Integer, List<Integer>> states,
      boolean stateOnCreate) {

    String typeName() {
      return "Microsoft.Dynamics.CRM." + logicalName;
    }

    /** A column or lookup value ({@code _x_value}) that can be read, selected and filtered. */
    Optional<Column> readable(String name) {
      Column column = columns.get(name);
      if (column != null) {
        return Optional.of(column);
      }
      return binds.values().stream()
          .filter(b -> b.lookupColumn().equals(name))
          .findFirst()
          .map(b -> new Column(name, Type.GUID, 0, false));
    }

    /** Every readable name: the key, the columns, then the lookup values. */
    Set<String> readableNames() {
      Set<String> names = new LinkedHashSet<>(columns.keySet());
      binds.values().forEach(b -> names.add(b.lookupColumn()));
      return names;
    }
  }

  private static final Map<Integer, List<Integer>> ACTIVE_INACTIVE =
      Map.of(0, List.of(1), 1, List.of(2));

  private static final Map<String, Entity> ENTITIES = new LinkedHashMap<>();

  static {
    add(
        "msdyn_ocliveworkitems",
        "msdyn_ocliveworkitem",
        List.of(
            guid("activityid"),
            new Column("subject", Type.STRING, 200, true),
            text("description", 2000),
            text("msdyn_title", 4000),
            text("msdyn_ocliveworkitemid", 100),
            integer("statecode"),
            integer("statuscode")),
        List.of(
            new Bind(
                "msdyn_liveworkstreamid_msdyn_ocliveworkitem",
                "msdyn_liveworkstreams",
                "_msdyn_liveworkstreamid_value"),
            new Bind(
                "msdyn_customer_msdyn_ocliveworkitem_contact", "contacts", "_msdyn_customer_value"),
            new Bind(
                "msdyn_customer_msdyn_ocliveworkitem_account", "accounts", "_msdyn_customer_value"),
            new Bind("msdyn_cdsqueueid_msdyn_ocliveworkitem", "queues", "_msdyn_cdsqueueid_value")),
        Map.of(0, List.of(1, 2, 3, 5), 1, List.of(4), 2, List.of(6), 3, List.of(7)),
        false);
    add(
        "msdyn_ocliveworkitemcontextitems",
        "msdyn_ocliveworkitemcontextitem",
        List.of(
            guid("msdyn_ocliveworkitemcontextitemid"),
            new Column("msdyn_name", Type.STRING, 100, true),
            text("msdyn_value", 512),
            new Column("msdyn_isdisplayable", Type.BOOL, 0, false)),
        List.of(
            new Bind(
                "msdyn_ocliveworkitemid", "msdyn_ocliveworkitems", "_msdyn_ocliveworkitemid_value"),
            new Bind(
                "msdyn_ocliveworkstreamcontextvariableid",
                "msdyn_ocliveworkstreamcontextvariables",
                "_msdyn_ocliveworkstreamcontextvariableid_value")),
        Map.of(),
        true);
    add(
        "msdyn_liveworkstreams",
        "msdyn_liveworkstream",
        List.of(
            guid("msdyn_liveworkstreamid"),
            new Column("msdyn_name", Type.STRING, 100, true),
            integer("msdyn_streamsource"),
            integer("statecode"),
            integer("statuscode")),
        List.of(),
        ACTIVE_INACTIVE,
        true);
    add(
        "contacts",
        "contact",
        List.of(
            guid("contactid"),
            text("emailaddress1", 100),
            text("mobilephone", 50),
            text("telephone1", 50),
            text("firstname", 50),
            text("lastname", 50),
            integer("statecode"),
            integer("statuscode")),
        List.of(),
        ACTIVE_INACTIVE,
        true);
    add(
        "annotations",
        "annotation",
        List.of(
            guid("annotationid"),
            text("subject", 500),
            text("notetext", 100_000),
            text("filename", 255),
            text("mimetype", 256),
            text("documentbody", 0)),
        List.of(
            new Bind("objectid_msdyn_ocliveworkitem", "msdyn_ocliveworkitems", "_objectid_value")),
        Map.of(),
        true);
    add(
        "organizations",
        "organization",
        List.of(guid("organizationid"), integer("maxuploadfilesize")),
        List.of(),
        Map.of(),
        true);
    add(
        "accounts",
        "account",
        List.of(guid("accountid"), text("name", 160), integer("statecode"), integer("statuscode")),
        List.of(),
        ACTIVE_INACTIVE,
        true);
    add("queues", "queue", List.of(guid("queueid"), text("name", 200)), List.of(), Map.of(), true);
    add(
        "msdyn_ocliveworkstreamcontextvariables",
        "msdyn_ocliveworkstreamcontextvariable",
        List.of(guid("msdyn_ocliveworkstreamcontextvariableid"), text("msdyn_name", 100)),
        List.of(),
        Map.of(),
        true);
  }

  private Schema() {}

  static Optional<Entity> entity(String set) {
    return Optional.ofNullable(ENTITIES.get(set));
  }

  static Collection<Entity> all() {
    return ENTITIES.values();
  }

  static Set<String> setNames() {
    return ENTITIES.keySet();
  }

  private static void add(
      String set,
      String logicalName,
      List<Column> columns,
      List<Bind> binds,
      Map<Integer, List<Integer>> states,
      boolean stateOnCreate) {
    Map<String, Column> columnMap = new LinkedHashMap<>();
    columns.forEach(c -> columnMap.put(c.name(), c));
    Map<String, Bind> bindMap = new LinkedHashMap<>();
    binds.forEach(b -> bindMap.put(b.property(), b));
    ENTITIES.put(
        set,
        new Entity(
            set,
            logicalName,
            columns.get(0).name(),
            java.util.Collections.unmodifiableMap(columnMap),
            java.util.Collections.unmodifiableMap(bindMap),
            states,
            stateOnCreate));
  }

  private static Column guid(String name) {
    return new Column(name, Type.GUID, 0, false);
  }

  private static Column text(String name, int maxLength) {
    return new Column(name, Type.STRING, maxLength, false);
  }

  private static Column integer(String name) {
    return new Column(name, Type.INT, 0, false);
  }
}
