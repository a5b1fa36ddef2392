package org.defendersql.adapter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.defendersql.model.settings.Setting;

/**
 * Reads the settings of the {@code auth} type into an {@link Authentication}, checking at start what each type
 * needs: the certificate files and password, one way of naming a user-assigned managed identity, a readable
 * federated token file, the variables of the environment credential.
 */
final class AuthSettings {
  private AuthSettings() {
  }

  /**
   * The authentication of these settings; problems go to {@code problems}.
   *
   * @param get  a setting's value, from the operand or else the environment, or null
   * @param env  the process environment, for the variables azure-identity reads itself
   * @param auth the settings tenant, client id, secret and authority host as resolved (for the environment
   *             credential, whose variables they override)
   */
  static Authentication read(AuthType type, Function<Setting, String> get, Function<String, String> env,
      Resolved auth, List<String> problems) {
    return switch (type) {
      case SECRET -> Authentication.secret();
      case CERTIFICATE -> certificate(get, problems);
      case MANAGED_IDENTITY -> managedIdentity(get, env, auth, problems);
      case WORKLOAD_IDENTITY -> workloadIdentity(get, problems);
      case ENVIRONMENT -> environment(get, env, auth, problems);
    };
  }

  /** The tenant, client, secret and authority host the other settings resolved to. */
  record Resolved(String tenantId, String clientId, Secret clientSecret, String authorityHost) {
  }

  private static Authentication certificate(Function<Setting, String> get, List<String> problems) {
    final String path = get.apply(Setting.CERTIFICATE_PATH);
    if (path == null) {
      problems.add(Setting.CERTIFICATE_PATH.names() + " is not set: auth = certificate needs the PEM or PFX file of"
          + " the app's certificate");
      return Authentication.secret();
    }
    final String keyText = get.apply(Setting.CERTIFICATE_KEY_PATH);
    final Path key = keyText == null ? null : Path.of(keyText);
    final Secret password = password(get, problems);
    final boolean chain = bool(get, Setting.SEND_CERTIFICATE_CHAIN, problems);
    ClientCertificateFiles.check(Path.of(path), key, password, problems);
    return new Authentication(AuthType.CERTIFICATE, Path.of(path), key, password, chain, null, null, null,
        Map.of());
  }

  private static Secret password(Function<Setting, String> get, List<String> problems) {
    final String value = get.apply(Setting.CERTIFICATE_PASSWORD);
    if (value != null) {
      return Secret.of(value);
    }
    final String file = get.apply(Setting.CERTIFICATE_PASSWORD_FILE);
    if (file == null) {
      return null;
    }
    try {
      // A password file keeps its content but a final line break, which editors add.
      return Secret.of(Files.readString(Path.of(file)).replaceFirst("\\r?\\n$", ""));
    } catch (java.io.IOException | RuntimeException e) {
      problems.add(Setting.CERTIFICATE_PASSWORD_FILE.names() + " names a file that cannot be read: " + file);
      return null;
    }
  }

  private static Authentication managedIdentity(Function<Setting, String> get, Function<String, String> env,
      Resolved auth, List<String> problems) {
    final String resourceId = get.apply(Setting.MANAGED_IDENTITY_RESOURCE_ID);
    final String objectId = get.apply(Setting.MANAGED_IDENTITY_OBJECT_ID);
    final long named = java.util.stream.Stream.of(auth.clientId(), resourceId, objectId)
        .filter(java.util.Objects::nonNull).count();
    if (named > 1) {
      problems.add("auth = managedIdentity names a user-assigned identity one way only: set one of "
          + Setting.CLIENT_ID.names() + ", " + Setting.MANAGED_IDENTITY_RESOURCE_ID.names() + " or "
          + Setting.MANAGED_IDENTITY_OBJECT_ID.names() + " (none: the system-assigned identity)");
    }
    final Map<String, String> vars = variables(get, env, auth);
    vars.remove("AZURE_CLIENT_SECRET");
    return new Authentication(AuthType.MANAGED_IDENTITY, null, null, null, false, resourceId, objectId, null, vars);
  }

  private static Authentication workloadIdentity(Function<Setting, String> get, List<String> problems) {
    final String file = get.apply(Setting.FEDERATED_TOKEN_FILE);
    if (file == null) {
      problems.add(Setting.FEDERATED_TOKEN_FILE.names() + " is not set: auth = workloadIdentity needs the projected"
          + " service account token (on AKS, label the pod azure.workload.identity/use: \"true\" and give it a"
          + " service account federated with the app)");
      return Authentication.secret();
    }
    final Path path = Path.of(file);
    if (!Files.isReadable(path) || Files.isDirectory(path)) {
      problems.add(Setting.FEDERATED_TOKEN_FILE.names() + " names a file that cannot be read: " + file
          + " (is the service account token projected into this pod, and the path right?)");
    }
    return new Authentication(AuthType.WORKLOAD_IDENTITY, null, null, null, false, null, null, path, Map.of());
  }

  private static Authentication environment(Function<Setting, String> get, Function<String, String> env,
      Resolved auth, List<String> problems) {
    final Map<String, String> vars = variables(get, env, auth);
    if (!vars.containsKey("AZURE_CLIENT_SECRET") && !vars.containsKey("AZURE_CLIENT_CERTIFICATE_PATH")) {
      problems.add("auth = environment needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (with"
          + " AZURE_CLIENT_CERTIFICATE_PASSWORD for a PFX) in the environment"
          + (vars.containsKey("AZURE_USERNAME") ? "; a user name and password (AZURE_USERNAME) cannot sign in a"
          + " service" : ""));
    }
    final String certificate = vars.get("AZURE_CLIENT_CERTIFICATE_PATH");
    if (certificate != null && !vars.containsKey("AZURE_CLIENT_SECRET")) {
      final String password = vars.get("AZURE_CLIENT_CERTIFICATE_PASSWORD");
      ClientCertificateFiles.check(Path.of(certificate), null, Secret.of(password), problems);
    }
    return new Authentication(AuthType.ENVIRONMENT, null, null, null, false, null, null, null, vars);
  }

  /**
   * The variables azure-identity reads, from the environment, with the settings' tenant, client, secret and
   * authority host in place of their variables (a model operand may give them).
   */
  private static Map<String, String> variables(Function<Setting, String> get, Function<String, String> env,
      Resolved auth) {
    final Map<String, String> vars = new LinkedHashMap<>();
    for (String name : Authentication.VARIABLES) {
      // A variable that is also a setting's (AZURE_CLIENT_CERTIFICATE_PATH, ...) may come from the model operand.
      final Setting setting = java.util.Arrays.stream(Setting.values()).filter(s -> name.equals(s.env)).findFirst()
          .orElse(null);
      final String v = setting != null ? get.apply(setting) : env.apply(name);
      if (v != null && !v.isBlank()) {
        vars.put(name, v.trim());
      }
    }
    put(vars, "AZURE_TENANT_ID", auth.tenantId());
    put(vars, "AZURE_CLIENT_ID", auth.clientId());
    put(vars, "AZURE_CLIENT_SECRET", auth.clientSecret() == null ? null : auth.clientSecret().reveal());
    put(vars, "AZURE_AUTHORITY_HOST", auth.authorityHost());
    return vars;
  }

  private static void put(Map<String, String> vars, String name, String value) {
    if (value != null) {
      vars.put(name, value);
    }
  }

  private static boolean bool(Function<Setting, String> get, Setting s, List<String> problems) {
    final String text = get.apply(s);
    if (text == null) {
      return Boolean.parseBoolean(s.defaultValue);
    }
    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
      problems.add(s.names() + " must be true or false, not '" + text + "'");
      return false;
    }
    return Boolean.parseBoolean(text);
  }
}
