package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.TableId;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Debezium data change records (Connect format, {@code before}/{@code after}/{@code source}/
 * {@code op} envelope) into {@link Change}s. The column converters of a table are chosen once per
 * envelope schema, which Debezium keeps until the table's DDL changes. Not thread-safe: one per
 * capture, used by the engine's handler thread only.
 */
final class ChangeReader {

    private final String leader;
    private final Map<Schema, TablePlan> plans = new IdentityHashMap<>();

    ChangeReader(String leader) {
        this.leader = leader;
    }

    /** The table a data record belongs to, without converting its rows. */
    TableId table(SourceRecord record) {
        return plan(record).table;
    }

    Change read(SourceRecord record) {
        TablePlan plan = plan(record);
        Struct envelope = (Struct) record.value();
        Op op = op(plan.table, envelope.getString("op"));
        return new Change(plan.table, op, plan.keyColumns,
                plan.row(envelope.getStruct("before")), plan.row(envelope.getStruct("after")), null);
    }

    private TablePlan plan(SourceRecord record) {
        TablePlan plan = plans.get(record.valueSchema());
        if (plan == null) {
            plan = newPlan(record);
            plans.put(record.valueSchema(), plan);
        }
        return plan;
    }

    private TablePlan newPlan(SourceRecord record) {
        Struct source = ((Struct) record.value()).getStruct("source");
        TableId table = new TableId(source.getString("db"), source.getString("table"));
        if (record.keySchema() == null) {
            throw new CaptureException("leader " + leader + ": table " + table + " has no primary key; "
                    + "the bridge replicates only tables with a primary key: add one, or remove the table");
        }
        List<String> keyColumns = record.keySchema().fields().stream().map(Field::name).toList();
        Schema rowSchema = record.valueSchema().field("after").schema();
        List<String> names = new ArrayList<>();
        List<ColumnConverter> converters = new ArrayList<>();
        for (Field f : rowSchema.fields()) {
            names.add(f.name());
            converters.add(ColumnConverter.forField(leader, table, f));
        }
        return new TablePlan(table, keyColumns, names, converters);
    }

    private Op op(TableId table, String op) {
        return switch (op) {
            case "c", "r" -> Op.INSERT;
            case "u" -> Op.UPDATE;
            case "d" -> Op.DELETE;
            default -> throw new CaptureException("leader " + leader + ": table " + table
                    + " has a change of unknown operation '" + op + "'");
        };
    }

    private record TablePlan(TableId table, List<String> keyColumns, List<String> names,
                             List<ColumnConverter> converters) {

        Map<String, Object> row(Struct row) {
            if (row == null) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>(names.size() * 2);
            List<Field> fields = row.schema().fields();
            for (int i = 0; i < fields.size(); i++) {
                Object v = row.get(fields.get(i));
                values.put(names.get(i), v == null ? null : converters.get(i).convert(v));
            }
            return values;
        }
    }
}
