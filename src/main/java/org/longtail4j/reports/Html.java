package org.longtail4j.reports;

import java.util.List;

/**
 * Plain generated HTML for the report pages: escaping, the page shell with its one inline style
 * sheet, tables and embedded images. Pages carry no script and load nothing from the network.
 */
public final class Html {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;
              padding:0 16px;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            h3{margin-top:1.3em}
            table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}
            td.l,th.l{text-align:left}td:not(.l){white-space:nowrap}
            img{max-width:100%;height:auto;display:block;margin:.6em 0;border:1px solid #eee}
            pre{background:#f7f7f7;padding:10px;overflow-x:auto;font-size:.85em}
            .note{color:#555;font-size:.92em}.mark{color:#a33;font-weight:bold}
            .grid{display:flex;flex-wrap:wrap;gap:12px}.grid img{max-width:540px}
            """;

    /** A cell that is a figure: a number, "-", "a ± b", "12 of 100", "3.2 s". */
    private static final java.util.regex.Pattern FIGURE = java.util.regex.Pattern.compile(
            "[-+]?[0-9.]*( ?± ?[0-9.]+)?( of [0-9]+| s| min)?|-");

    private Html() {}

    /** Escapes text for element content and double-quoted attribute values (the only kind these pages write). */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** A whole page: UTF-8, the style sheet, the title as heading, then {@code body} (already HTML). */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body
                + "</body>\n</html>\n";
    }

    /** An embedded PNG; {@code alt} says what it shows. */
    public static String image(String dataUri, String alt) {
        return "<img src=\"" + dataUri + "\" alt=\"" + escape(alt) + "\">\n";
    }

    /** A paragraph of text (escaped). */
    public static String paragraph(String text) {
        return "<p>" + escape(text) + "</p>\n";
    }

    /** A grey note (escaped). */
    public static String note(String text) {
        return "<p class=\"note\">" + escape(text) + "</p>\n";
    }

    /** A heading of level 2 or 3 (escaped). */
    public static String heading(int level, String text) {
        return "<h" + level + ">" + escape(text) + "</h" + level + ">\n";
    }

    /** Preformatted text (escaped). */
    public static String pre(String text) {
        return "<pre>" + escape(text) + "</pre>\n";
    }

    /** A table of text cells (all escaped); figures are right-aligned, words left-aligned. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table>\n<tr>");
        for (int i = 0; i < header.size(); i++) {
            out.append("<th>").append(escape(header.get(i))).append("</th>");
        }
        out.append("</tr>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(i > 0 && FIGURE.matcher(row.get(i)).matches() ? "<td>" : "<td class=\"l\">")
                        .append(escape(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table>\n").toString();
    }
}
