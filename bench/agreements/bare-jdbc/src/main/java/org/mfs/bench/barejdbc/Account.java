package org.mfs.bench.barejdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /accounts/{aid}: the row pgbench -S reads, as a small JSON object. Nothing else on the way. */
@Path("/accounts/{aid}")
public class Account {

    private final DataSource dataSource;

    Account(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@PathParam("aid") int aid) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select abalance from pgbench_accounts where aid = ?")) {
            ps.setInt(1, aid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException();
                }
                return "{\"aid\":" + aid + ",\"balance\":" + rs.getInt(1) + "}";
            }
        }
    }
}
