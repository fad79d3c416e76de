package io.wirepunch.core.measure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The throwaway PostgreSQL: a password-protected database per call, nothing left after close. */
@Timeout(120)
class PostgresServerTest {
    @Test
    void servesPasswordProtectedDatabasesAndLeavesNothingBehind() throws Exception {
        PostgresServer pg = PostgresServer.start();
        Path dir = pg.directory();
        String url;
        try {
            url = pg.newDatabase();
            String other = pg.newDatabase();
            assertThat(other).isNotEqualTo(url);
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_user, current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(rs.getString(2)).startsWith("measure");
            }
            String wrongPassword = url.replaceFirst("password=[^&]+", "password=wrong");
            assertThatThrownBy(() -> DriverManager.getConnection(wrongPassword).close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
        } finally {
            pg.close();
        }
        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
    }
}
