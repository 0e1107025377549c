package com.opencx.handoff.activities.replies;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opencx.handoff.activities.directline.ActivityBuilder;
import com.opencx.handoff.activities.opencx.MessageTemplate;
import java.util.List;

/**
 * A notice to the rep as a Direct Line activity: from the service's own sender ({@link #FROM_ID},
 * "OpenCX"), never the customer's, marked {@code channelData.opencxNotice} so an agent surface can
 * show it as a system message, and carrying our id so it is posted once. The templates list names
 * each template as the rep would type it.
 */
final class RepNotices {

  static final String FROM_ID = "opencx-notices";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RepNotices() {}

  static ObjectNode activity(String noticeId, String text) {
    ObjectNode activity = MAPPER.createObjectNode();
    activity.put("type", "message");
    activity.putObject("from").put("id", FROM_ID).put("name", "OpenCX");
    activity.put("text", text);
    ObjectNode channelData = activity.putObject("channelData");
    channelData.put("opencxNotice", true);
    channelData.put(ActivityBuilder.OUR_ID_KEY, noticeId);
    return activity;
  }

  static String withTemplates(String text, List<MessageTemplate> templates) {
    StringBuilder out = new StringBuilder(text);
    if (templates.isEmpty()) {
      return out.append("\n(OpenCX lists no approved templates.)").toString();
    }
    for (MessageTemplate template : templates) {
      out.append("\n• /template ").append(template.name());
      for (int i = 1; i <= template.parameters(); i++) {
        out.append(" <").append(i).append('>');
      }
      out.append(" (").append(template.language()).append("): ").append(template.text());
    }
    return out.toString();
  }
}
