package org.defendersql.emulator.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defendersql.model.Column;
import org.defendersql.model.ComplexType;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.EdmType;

/**
 * Graph's evidence types ({@code #microsoft.graph.security.fileEvidence}, ...) and which of the model's
 * {@code alertEvidence} properties each carries. Graph's evidence is polymorphic: an item holds the base type's
 * properties and its own type's, not the union the model flattens into {@code graph_alert_evidence}; a nested
 * object ({@code fileDetails}, {@code userAccount}) holds the model's fields of it. Checked against the model when
 * loaded: every property named here is the model's, and every model property belongs to some type.
 */
enum EvidenceTypes {
  DEVICE("deviceEvidence", "mdeDeviceId", "deviceDnsName", "azureAdDeviceId", "osPlatform", "osBuild",
      "healthStatus", "riskScore", "rbacGroupName", "firstSeenDateTime", "ipInterfaces"),
  FILE("fileEvidence", "detectionStatus", "fileDetails", "mdeDeviceId"),
  PROCESS("processEvidence", "detectionStatus", "imageFile", "mdeDeviceId", "parentProcessCreationDateTime",
      "parentProcessId", "parentProcessImageFile", "processCommandLine", "processCreationDateTime", "processId",
      "userAccount"),
  USER("userEvidence", "userAccount"),
  MAILBOX("mailboxEvidence", "displayName", "primaryAddress", "userAccount"),
  IP("ipEvidence", "ipAddress", "countryLetterCode"),
  URL("urlEvidence", "url"),
  REGISTRY_KEY("registryKeyEvidence", "registryHive", "registryKey"),
  REGISTRY_VALUE("registryValueEvidence", "mdeDeviceId", "registryHive", "registryKey", "registryValue",
      "registryValueName", "registryValueType");

  /** Graph's namespace prefix of {@code @odata.type}. */
  static final String NAMESPACE = "#microsoft.graph.security.";

  private final String odataType;
  private final List<String> properties;

  EvidenceTypes(String name, String... own) {
    this.odataType = NAMESPACE + name;
    final List<String> all = new ArrayList<>(Base.PROPERTIES);
    all.addAll(List.of(own));
    this.properties = List.copyOf(all);
  }

  /** {@code #microsoft.graph.security.fileEvidence}. */
  String odataType() {
    return odataType;
  }

  /** A new item of this type: every property present, null or an empty collection, {@code @odata.type} set. */
  Item item() {
    final Map<String, Object> values = new LinkedHashMap<>();
    for (String p : properties) {
      final Column c = Model.property(p);
      values.put(p, c.edmType() == EdmType.STRING_COLLECTION ? List.of() : null);
    }
    values.put("@odata.type", odataType);
    return new Item(this, values);
  }

  /** An evidence item being built: only its type's properties can be set. */
  static final class Item {
    private final EvidenceTypes type;
    private final Map<String, Object> values;

    private Item(EvidenceTypes type, Map<String, Object> values) {
      this.type = type;
      this.values = values;
    }

    Item set(String property, Object value) {
      if (!values.containsKey(property)) {
        throw new IllegalStateException(type.odataType + " has no property " + property);
      }
      values.put(property, value);
      return this;
    }

    /** Sets a nested object from its fields' values, in the model's field order; all null makes it null. */
    Item object(String property, Map<String, Object> fields) {
      final List<String> leaves = Model.leaves(property);
      for (String f : fields.keySet()) {
        if (!leaves.contains(f)) {
          throw new IllegalStateException(property + " has no field " + f + " in the model");
        }
      }
      final Map<String, Object> object = new LinkedHashMap<>();
      boolean any = false;
      for (String leaf : leaves) {
        final Object v = fields.get(leaf);
        object.put(leaf, v);
        any |= v != null;
      }
      return set(property, any ? java.util.Collections.unmodifiableMap(object) : null);
    }

    Object get(String property) {
      return values.get(property);
    }

    Map<String, Object> build() {
      return java.util.Collections.unmodifiableMap(values);
    }
  }

  /** The properties of {@code alertEvidence} itself, which every item carries. */
  private static final class Base {
    static final List<String> PROPERTIES = List.of("@odata.type", "createdDateTime", "verdict",
        "remediationStatus", "remediationStatusDetails", "roles", "detailedRoles", "tags");
  }

  /** The model's {@code alertEvidence}: its top-level properties and the fields of its nested objects. */
  private static final class Model {
    private static final ComplexType TYPE = DefenderModel.GRAPH_ALERTS.property("evidence").orElseThrow()
        .elementType();
    private static final Map<String, Column> TOP = new LinkedHashMap<>();
    private static final Map<String, List<String>> NESTED = new LinkedHashMap<>();

    static {
      for (Column c : TYPE.fields()) {
        TOP.putIfAbsent(c.jsonName(), c);
        if (c.isNested()) {
          NESTED.computeIfAbsent(c.jsonName(), k -> new ArrayList<>()).add(c.leafName());
        }
      }
      final Set<String> used = new LinkedHashSet<>();
      for (EvidenceTypes t : EvidenceTypes.values()) {
        for (String p : t.properties) {
          property(p);
          used.add(p);
        }
      }
      final Set<String> unused = new LinkedHashSet<>(TOP.keySet());
      unused.removeAll(used);
      if (!unused.isEmpty()) {
        throw new IllegalStateException("the model's alertEvidence properties " + unused + " belong to no Graph "
            + "evidence type the emulator writes");
      }
    }

    static Column property(String name) {
      final Column c = TOP.get(name);
      if (c == null) {
        throw new IllegalStateException("the model's alertEvidence has no property " + name);
      }
      return c;
    }

    static List<String> leaves(String object) {
      final List<String> l = NESTED.get(object);
      if (l == null) {
        throw new IllegalStateException("the model's alertEvidence has no nested object " + object);
      }
      return l;
    }
  }
}
