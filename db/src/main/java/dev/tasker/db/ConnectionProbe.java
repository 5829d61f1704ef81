package dev.tasker.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * One connection attempt before the pool starts, so that a wrong URL fails at once with a message
 * that names what was tried and what to do, instead of a pool timeout.
 */
final class ConnectionProbe {

    private ConnectionProbe() {
    }

    static void check(DatabaseUrl url, Duration timeout) {
        Properties props = url.connectionProperties(timeout, "tasker");
        try (Connection ignored = DriverManager.getConnection(url.jdbcUrl(), props)) {
            // reachable, and the credentials are right
        } catch (SQLException e) {
            throw explain(url, e);
        }
    }

    static DatabaseStartupException explain(DatabaseUrl url, SQLException e) {
        String where = url.host() + ":" + url.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable cause = e.getCause();
        String message;
        if (state.equals("28P01") || state.equals("28000")) {
            message = "PostgreSQL at " + where + " refused the credentials of user '" + url.user() + "' ("
                    + firstLine(e) + "). Check the user and password in TASKER_DATABASE_URL (tried " + url.redacted() + ").";
        } else if (state.equals("3D000")) {
            message = "PostgreSQL at " + where + " has no database '" + url.database() + "'. Create it (createdb "
                    + url.database() + ") or name an existing one in TASKER_DATABASE_URL (tried " + url.redacted() + ").";
        } else if (cause instanceof UnknownHostException) {
            message = "Cannot resolve the PostgreSQL host '" + url.host() + "' (tried " + url.redacted()
                    + "). Fix the host in TASKER_DATABASE_URL, or unset it to use the embedded PostgreSQL.";
        } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof SocketTimeoutException || state.startsWith("08")) {
            message = "Cannot reach PostgreSQL at " + where + " (" + firstLine(e) + "; tried " + url.redacted()
                    + "). Start the server or fix the host and port in TASKER_DATABASE_URL, "
                    + "or unset TASKER_DATABASE_URL to use the embedded PostgreSQL.";
        } else {
            message = "Cannot connect to PostgreSQL at " + where + ": " + firstLine(e) + " (SQL state " + state
                    + "; tried " + url.redacted() + ").";
        }
        return new DatabaseStartupException(message, e);
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
