package dev.switchboard.console.usage;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * Chart.js configurations for {@code p:chart} (PrimeFaces 15 draws charts with Chart.js 4 from a
 * JSON configuration). Presentation only: the numbers come from the usage summary as they are.
 */
final class Charts {

  /** One series of numbers, drawn as a line or as bars, on the left or right axis. */
  record Series(
      String label, List<? extends Number> values, String color, String type, String axis) {}

  private Charts() {}

  static String chart(String type, List<String> labels, List<Series> series, String yTitle) {
    return chart(type, labels, series, yTitle, null);
  }

  /**
   * @param y1Title the right axis' title, or null for one axis
   */
  static String chart(
      String type, List<String> labels, List<Series> series, String yTitle, String y1Title) {
    JsonArrayBuilder datasets = Json.createArrayBuilder();
    for (Series s : series) {
      JsonArrayBuilder data = Json.createArrayBuilder();
      for (Number n : s.values()) {
        if (n == null) {
          data.addNull(); // no calls that day: a gap, not a zero
        } else if (n instanceof Double d) {
          data.add(Math.round(d * 10) / 10.0);
        } else {
          data.add(n.longValue());
        }
      }
      JsonObjectBuilder d =
          Json.createObjectBuilder()
              .add("label", s.label())
              .add("data", data)
              .add("borderColor", s.color())
              .add("backgroundColor", s.color() + ("line".equals(s.type()) ? "33" : "cc"))
              .add("yAxisID", s.axis())
              .add("borderWidth", 2);
      if (s.type() != null) {
        d.add("type", s.type());
      }
      if ("line".equals(s.type()) || ("line".equals(type) && s.type() == null)) {
        d.add("tension", 0.2).add("pointRadius", 3).add("fill", false);
      }
      datasets.add(d);
    }
    JsonObjectBuilder scales = Json.createObjectBuilder().add("y", axis(yTitle, "left", true));
    if (y1Title != null) {
      scales.add("y1", axis(y1Title, "right", false));
    }
    return Json.createObjectBuilder()
        .add("type", type)
        .add(
            "data",
            Json.createObjectBuilder().add("labels", strings(labels)).add("datasets", datasets))
        .add(
            "options",
            Json.createObjectBuilder()
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add(
                    "interaction",
                    Json.createObjectBuilder().add("mode", "index").add("intersect", false))
                .add(
                    "plugins",
                    Json.createObjectBuilder()
                        .add("legend", Json.createObjectBuilder().add("position", "bottom")))
                .add("scales", scales))
        .build()
        .toString();
  }

  private static JsonObjectBuilder axis(String title, String position, boolean grid) {
    return Json.createObjectBuilder()
        .add("beginAtZero", true)
        .add("position", position)
        .add("title", Json.createObjectBuilder().add("display", true).add("text", title))
        .add("grid", Json.createObjectBuilder().add("drawOnChartArea", grid));
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    values.forEach(a::add);
    return a;
  }
}
