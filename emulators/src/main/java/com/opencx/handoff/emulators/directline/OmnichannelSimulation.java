package com.opencx.handoff.emulators.directline;

import com.opencx.handoff.emulators.dataverse.DataverseEmulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What unified routing does with a custom-channel conversation, reduced to what the handoff can
 * observe in Dataverse: the first message activity with {@code channelData} from the client
 * creates, after the routing delay, an open {@code msdyn_ocliveworkitem} bound to the channel's
 * workstream, one {@code msdyn_ocliveworkitemcontextitem} per {@code conversationcontext} entry
 * (the same columns the record route writes) and the contact link from {@code customercontext}.
 * Context is read from that first activity only; later activities change nothing in Dataverse.
 */
final class OmnichannelSimulation implements AutoCloseable {

  static final String WORK_ITEMS = "msdyn_ocliveworkitems";
  static final String CONTEXT_ITEMS = "msdyn_ocliveworkitemcontextitems";

  private final DataverseEmulator dataverse;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "omnichannel-routing");
            t.setDaemon(true);
            return t;
          });
  private volatile Duration delay = Duration.ofMillis(500);
  private volatile boolean routing = true;

  OmnichannelSimulation(DataverseEmulator dataverse) {
    this.dataverse = Objects.requireNonNull(dataverse, "dataverse");
  }

  void setDelay(Duration delay) {
    this.delay = delay;
  }

  /** Off: nothing is routed (and no conversation is claimed, so turning it on routes later). */
  void setRouting(boolean on) {
    this.routing = on;
  }

  /** Called after each client activity is stored. */
  void onClientActivity(Conversation conversation, Map<String, Object> activity) {
    if (!routing
        || !"message".equals(activity.get("type"))
        || !(activity.get("channelData") instanceof Map<?, ?> channelData)
        || !conversation.claimRouting()) {
      return;
    }
    scheduler.schedule(
        () -> route(conversation, channelData), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void route(Conversation conversation, Map<?, ?> channelData) {
    Map<String, Object> workItem = new LinkedHashMap<>();
    workItem.put("_msdyn_liveworkstreamid_value", conversation.channel.workstreamId());
    String contactId = contact(channelData.get("customercontext"));
    if (contactId != null) {
      workItem.put("_msdyn_customer_value", contactId);
    }
    String workItemId = dataverse.addRecord(WORK_ITEMS, workItem);
    if (channelData.get("conversationcontext") instanceof Map<?, ?> context) {
      context.forEach(
          (name, value) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("msdyn_name", String.valueOf(name));
            item.put("msdyn_value", value == null ? null : String.valueOf(value));
            item.put("msdyn_isdisplayable", true);
            item.put("_msdyn_ocliveworkitemid_value", workItemId);
            dataverse.addRecord(CONTEXT_ITEMS, item);
          });
    }
    conversation.routed(workItemId);
  }

  /** Closes the work item as a rep ending the conversation does (statecode 1, statuscode 4). */
  void close(Conversation conversation) {
    conversation
        .workItemId()
        .ifPresent(
            id -> {
              dataverse.setRecordColumn(WORK_ITEMS, id, "statecode", 1);
              dataverse.setRecordColumn(WORK_ITEMS, id, "statuscode", 4);
            });
  }

  /** The one active contact matching the email, else the phone; null when none or ambiguous. */
  private String contact(Object customerContext) {
    if (!(customerContext instanceof Map<?, ?> customer)) {
      return null;
    }
    String byEmail = unique("emailaddress1", customer.get("email"));
    return byEmail != null ? byEmail : unique("mobilephone", customer.get("phonenumber"));
  }

  private String unique(String column, Object value) {
    if (!(value instanceof String wanted) || wanted.isBlank()) {
      return null;
    }
    List<Map<String, Object>> matches =
        dataverse.records("contacts").stream()
            .filter(row -> Objects.equals(row.get("statecode"), 0))
            .filter(
                row ->
                    row.get(column) instanceof String s
                        && (column.equals("emailaddress1")
                            ? s.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))
                            : s.equals(wanted)))
            .toList();
    return matches.size() == 1 ? (String) matches.get(0).get("contactid") : null;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
