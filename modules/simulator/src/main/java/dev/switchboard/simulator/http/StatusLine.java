package dev.switchboard.simulator.http;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Status lines and the {@code Date} field, formatted once and reused. */
final class StatusLine {

  private static final String[] LINES = new String[600];
  private static volatile String date = "";
  private static volatile long dateSecond;

  static {
    reason(100, "Continue");
    reason(200, "OK");
    reason(201, "Created");
    reason(204, "No Content");
    reason(301, "Moved Permanently");
    reason(302, "Found");
    reason(304, "Not Modified");
    reason(307, "Temporary Redirect");
    reason(400, "Bad Request");
    reason(401, "Unauthorized");
    reason(402, "Payment Required");
    reason(403, "Forbidden");
    reason(404, "Not Found");
    reason(405, "Method Not Allowed");
    reason(408, "Request Timeout");
    reason(409, "Conflict");
    reason(413, "Content Too Large");
    reason(422, "Unprocessable Content");
    reason(429, "Too Many Requests");
    reason(431, "Request Header Fields Too Large");
    reason(500, "Internal Server Error");
    reason(501, "Not Implemented");
    reason(502, "Bad Gateway");
    reason(503, "Service Unavailable");
    reason(504, "Gateway Timeout");
    reason(505, "HTTP Version Not Supported");
  }

  private StatusLine() {}

  private static void reason(int status, String reason) {
    LINES[status] = "HTTP/1.1 " + status + " " + reason + "\r\n";
  }

  /** {@code HTTP/1.1 <status> <reason>\r\n}; an unlisted status has an empty reason. */
  static String of(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status " + status);
    }
    String line = LINES[status];
    return line != null ? line : "HTTP/1.1 " + status + " \r\n";
  }

  /** {@code Date: <now>\r\n}, formatted at most once a second. */
  static String date() {
    long second = System.currentTimeMillis() / 1000;
    if (second != dateSecond) {
      date =
          "Date: "
              + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
              + "\r\n";
      dateSecond = second;
    }
    return date;
  }
}
