package io.concordbridge.core.model;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;

/**
 * A row's key as the text the meta schema's conflict tables keep and search by: {@code id=7} or
 * {@code a=1,b=x}; strings and numbers as they are, bytes as {@code 0x...} hex, temporal values in
 * ISO form; cut to {@value #MAX_LENGTH} characters. Stateless.
 */
public final class RowKeyText {

    public static final int MAX_LENGTH = 512;

    private RowKeyText() {
    }

    public static String of(List<String> columns, List<Object> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Object v = i < values.size() ? values.get(i) : null;
            sb.append(i == 0 ? "" : ",").append(columns.get(i)).append('=')
                    .append(v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b)
                            : v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v));
        }
        return sb.length() <= MAX_LENGTH ? sb.toString() : sb.substring(0, MAX_LENGTH - 3) + "...";
    }
}
