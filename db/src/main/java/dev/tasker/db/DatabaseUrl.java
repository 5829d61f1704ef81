package dev.tasker.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL location given as {@code postgresql://user:pass@host:port/db?params} (libpq form)
 * or {@code jdbc:postgresql://host:port/db?user=…} (JDBC form).
 *
 * @param jdbcUrl  the JDBC URL without credentials
 * @param user     the user name, or null to let the driver decide
 * @param password the password, or null
 * @param host     for messages
 * @param port     for messages
 * @param database for messages
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, String host, int port, String database) {

    private static final int DEFAULT_PORT = 5432;

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new DatabaseStartupException("The database URL is empty. Give postgresql://user:password@host:port/database, "
                    + "jdbc:postgresql://host:port/database, or unset TASKER_DATABASE_URL to use the embedded PostgreSQL.");
        }
        String trimmed = text.strip();
        String uriText;
        if (trimmed.startsWith("jdbc:postgresql://")) {
            uriText = trimmed.substring("jdbc:".length());
        } else if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            uriText = trimmed;
        } else {
            throw new DatabaseStartupException("The database URL '" + redact(trimmed) + "' is not a PostgreSQL URL. "
                    + "Use postgresql://user:password@host:port/database or jdbc:postgresql://host:port/database.");
        }
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new DatabaseStartupException("The database URL '" + redact(trimmed) + "' is malformed: " + e.getReason() + ".");
        }
        if (uri.getHost() == null) {
            throw new DatabaseStartupException("The database URL '" + redact(trimmed) + "' names no host.");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        StringBuilder params = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                String key = decode(kv[0]);
                String value = kv.length > 1 ? decode(kv[1]) : "";
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> params.append(params.isEmpty() ? "?" : "&").append(pair);
                }
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT;
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.length() > 1 ? path.substring(1) : (user != null ? user : "postgres");
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database + params;
        return new DatabaseUrl(jdbc, user, password, uri.getHost(), port, database);
    }

    /** User, password and timeouts for a JDBC connection to this URL. */
    public java.util.Properties connectionProperties(java.time.Duration connectTimeout, String applicationName) {
        java.util.Properties props = new java.util.Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("ApplicationName", applicationName);
        return props;
    }

    /** The URL with any password replaced, for messages and logs. */
    public String redacted() {
        return "postgresql://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
                + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static String redact(String url) {
        return url.replaceAll("://([^:/@]+):[^@/]*@", "://$1:***@").replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
