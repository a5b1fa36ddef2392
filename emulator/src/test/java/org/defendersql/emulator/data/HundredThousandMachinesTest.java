package org.defendersql.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emulator starts with 100,000 machines at any seed (it never started with 18,750 or more) and serves them:
 * the count, the first page and the last machine by id and by DNS name, as its own data holds them.
 */
class HundredThousandMachinesTest {
  private static final int MACHINES = 100_000;
  private static final Entity TABLE = DefenderModel.MACHINES;
  private static final int ID = TABLE.indexOf(TABLE.key());
  private static final int DNS = TABLE.indexOf(TABLE.column("computer_dns_name").orElseThrow());

  @ParameterizedTest @ValueSource(longs = {0, 1, 7, 42})
  void startsAndServesAHundredThousandMachines(long seed) {
    try (DefenderEmulator emulator = DefenderEmulator.builder().seed(seed).machines(MACHINES).alerts(1_000).build()
        .start()) {
      final List<Object[]> rows = emulator.data().rows(TABLE).toList();
      assertEquals(MACHINES, rows.size());
      final TestClient client = new TestClient(emulator);
      final String token = client.accessToken();
      assertEquals(Integer.toString(MACHINES), client.get("/api/machines/$count", token).body());

      final TestClient.Reply first = client.get("/api/machines?$top=100", token);
      assertEquals(200, first.status(), first.body());
      final JsonNode page = first.json().get("value");
      assertEquals(100, page.size());
      for (int i = 0; i < page.size(); i++) {
        assertEquals(rows.get(i)[ID], page.get(i).get("id").asText(), "machine " + i);
        assertEquals(rows.get(i)[DNS], page.get(i).get("computerDnsName").asText(), "machine " + i);
      }

      final Object[] last = rows.get(MACHINES - 1);
      for (Object key : new Object[] {last[ID], last[DNS]}) {
        final TestClient.Reply keyed = client.get("/api/machines/" + key, token);
        assertEquals(200, keyed.status(), keyed.body());
        assertEquals(last[ID], keyed.json().get("id").asText());
        assertEquals(last[DNS], keyed.json().get("computerDnsName").asText());
      }
      final TestClient.Reply deep = client.get("/api/machines?$skip=" + (MACHINES - 1), token);
      assertEquals(1, deep.json().get("value").size());
      assertEquals(last[ID], deep.json().get("value").get(0).get("id").asText());
    }
  }
}
