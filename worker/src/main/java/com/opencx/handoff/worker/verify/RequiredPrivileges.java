package com.opencx.handoff.worker.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * What the application user must hold for the configured route, taken from what the activities
 * send. Both routes: contact lookup (Read contact; Create when {@code
 * dynamics.create-contact-when-missing}), the template-window context items (Create, Write, Append
 * context item; Append To the conversation), the rep's-conversation check and close (Read, Write
 * conversation), media notes (Create, Read, Append note), the workstream and {@code
 * maxuploadfilesize} reads. The record route also creates the conversation (Create, Append
 * conversation; Append To workstream and contact, which it binds). The Direct Line route reads the
 * context items Omnichannel's routing wrote, to find the conversation. A record this service did
 * not create (contacts, workstreams, Omnichannel's conversation on the Direct Line route) needs
 * more than User depth; Business Unit (Local) is taken as the minimum, which covers a one-business
 * unit org (docs/directline-emulator.md, assumptions).
 */
final class RequiredPrivileges {

  /** One privilege, the least depth it needs, and what it is for. */
  record Required(String name, Depth minimum, String table, String forWhat) {}

  /** PrivilegeDepth, as Dataverse's Web API names it and as the security role editor shows it. */
  enum Depth {
    Basic("User"),
    Local("Business Unit"),
    Deep("Parent: Child Business Units"),
    Global("Organization");

    final String label;

    Depth(String label) {
      this.label = label;
    }

    /** Basic, Local, Deep, Global or their values 0–3; null for anything else. */
    static Depth parse(String text) {
      for (Depth depth : values()) {
        if (depth.name().equalsIgnoreCase(text) || Integer.toString(depth.ordinal()).equals(text)) {
          return depth;
        }
      }
      return null;
    }
  }

  private static final String ITEM = "msdyn_ocliveworkitem";
  private static final String CONTEXT = "msdyn_ocliveworkitemcontextitem";
  private static final String STREAM = "msdyn_liveworkstream";

  private RequiredPrivileges() {}

  static List<Required> forRoute(boolean directLine, boolean createContact) {
    Depth theirs = Depth.Local;
    Depth item = directLine ? Depth.Local : Depth.Basic; // Omnichannel's record on Direct Line
    List<Required> list = new ArrayList<>();
    list.add(req("prvReadContact", theirs, "Contact", "find the customer's contact"));
    if (createContact) {
      list.add(req("prvCreateContact", Depth.Basic, "Contact", "create-contact-when-missing"));
    }
    if (!directLine) {
      list.add(req("prvCreate" + ITEM, Depth.Basic, "Conversation", "create the live work item"));
      list.add(req("prvAppend" + ITEM, Depth.Basic, "Conversation", "bind workstream and contact"));
      list.add(req("prvAppendTo" + STREAM, theirs, "Work Stream", "bind the workstream"));
      list.add(req("prvAppendToContact", theirs, "Contact", "bind the contact"));
    }
    list.add(req("prvRead" + ITEM, item, "Conversation", "see whether the rep closed it"));
    list.add(req("prvWrite" + ITEM, item, "Conversation", "close the rep's conversation"));
    list.add(req("prvAppendTo" + ITEM, item, "Conversation", "attach context items and notes"));
    list.add(req("prvCreate" + CONTEXT, Depth.Basic, "Context item", "template-window items"));
    list.add(req("prvWrite" + CONTEXT, Depth.Basic, "Context item", "template-window items"));
    list.add(req("prvAppend" + CONTEXT, Depth.Basic, "Context item", "bind to the conversation"));
    if (directLine) {
      list.add(req("prvRead" + CONTEXT, theirs, "Context item", "find the routed conversation"));
    }
    list.add(req("prvCreateNote", Depth.Basic, "Note", "attach media"));
    list.add(req("prvReadNote", Depth.Basic, "Note", "find an earlier upload on a retry"));
    list.add(req("prvAppendNote", Depth.Basic, "Note", "attach it to the conversation"));
    list.add(req("prvRead" + STREAM, theirs, "Work Stream", "check the workstream"));
    list.add(req("prvReadOrganization", Depth.Basic, "Organization", "read maxuploadfilesize"));
    return List.copyOf(list);
  }

  private static Required req(String name, Depth minimum, String table, String forWhat) {
    return new Required(name, minimum, table, forWhat);
  }
}
