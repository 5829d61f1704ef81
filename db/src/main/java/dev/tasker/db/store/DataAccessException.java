package dev.tasker.db.store;

import java.sql.SQLException;

/** The database failed a statement (it may be restarting); callers retry or report. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
