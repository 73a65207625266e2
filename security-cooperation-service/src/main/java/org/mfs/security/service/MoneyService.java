package org.mfs.security.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.platform.api.PageParams;
import org.mfs.platform.api.Versions;
import org.mfs.platform.history.FieldChange;
import org.mfs.platform.history.History;
import org.mfs.platform.json.Json;
import org.mfs.platform.problem.Problem;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;
import org.mfs.security.Programme;
import org.mfs.security.ProgrammeStatus;
import org.mfs.security.events.ProgrammeEvents;
import org.mfs.security.events.ProgrammeEvents.BudgetSet;
import org.mfs.security.events.ProgrammeEvents.DisbursementRecorded;
import org.mfs.security.rest.CommonDtos.Money;
import org.mfs.security.rest.CommonDtos.Source;
import org.mfs.security.rest.MoneyDtos.AmendBudget;
import org.mfs.security.rest.MoneyDtos.BudgetView;
import org.mfs.security.rest.MoneyDtos.CreateBudget;
import org.mfs.security.rest.MoneyDtos.CreateDisbursement;
import org.mfs.security.rest.MoneyDtos.DisbursementPage;
import org.mfs.security.rest.MoneyDtos.DisbursementView;
import org.mfs.security.rest.MoneyDtos.TotalsRow;
import org.mfs.security.rest.MoneyDtos.TotalsView;

/**
 * Budget lines per fiscal year and currency, disbursements against them, and totals. A disbursement raises its budget
 * line's {@code disbursed} in one conditional statement ({@code disbursed + amount <= amount}); the database's check
 * constraint backs it, so concurrent disbursements can never together exceed a budget.
 */
@ApplicationScoped
public class MoneyService {

    public static final Map<String, String> GROUPS = Map.of("category", "p.category", "provider", "p.provider_country",
            "recipient", "p.recipient_country", "programme", "p.id::text", "fiscalYear", "b.fiscal_year::text");
    private static final Map<String, String> DISBURSEMENT_SORTS = Map.of("disbursedOn", "d.disbursed_on",
            "amount", "d.amount", "fiscalYear", "d.fiscal_year", "createdAt", "d.created_at");

    private final EntityManager em;
    private final SqlQueries sql;
    private final ProgrammeService programmes;
    private final ProgrammeEvents events;
    private final History history;
    private final Views views;
    private final Json json;
    private final Audience audience;

    public MoneyService(EntityManager em, SqlQueries sql, ProgrammeService programmes, ProgrammeEvents events, History history,
            Views views, Json json, Audience audience) {
        this.em = em;
        this.sql = sql;
        this.programmes = programmes;
        this.events = events;
        this.history = history;
        this.views = views;
        this.json = json;
        this.audience = audience;
    }

    @Transactional
    public BudgetView createBudget(UUID programmeId, CreateBudget r) {
        Programme p = programmes.visible(programmeId, true);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        Money amount = Checks.money("amount", r.amount(), true);
        Checks.source("source", r.source());
        Number existing = (Number) em.createNativeQuery(
                "select count(*) from budget_line where programme_id = :p and fiscal_year = :fy and currency = :c")
                .setParameter("p", programmeId).setParameter("fy", r.fiscalYear()).setParameter("c", amount.currency())
                .getSingleResult();
        if (existing.longValue() > 0) {
            throw ProblemException.conflict("duplicate-budget-line", "programme " + programmeId + " already has a "
                    + amount.currency() + " budget for fiscal year " + r.fiscalYear() + "; amend it with PUT");
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                insert into budget_line (id, programme_id, fiscal_year, currency, amount, source, created_at, updated_at)
                values (:id, :p, :fy, :c, :a, cast(:s as jsonb), :now, :now)""")
                .setParameter("id", id).setParameter("p", programmeId).setParameter("fy", r.fiscalYear())
                .setParameter("c", amount.currency()).setParameter("a", amount.amount())
                .setParameter("s", json.write(r.source())).setParameter("now", now).executeUpdate();
        BudgetView b = budget(id);
        budgetChanged(p, b, "budget FY" + b.fiscalYear() + " " + amount.currency() + " set", null);
        return b;
    }

    /** A new amount for a budget line (If-Match on its ETag); never below what is already disbursed. */
    @Transactional
    public BudgetView amendBudget(UUID programmeId, UUID budgetId, String ifMatch, AmendBudget r) {
        Programme p = programmes.visible(programmeId, true);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        BudgetView before = budget(budgetId);
        if (!before.programmeId().equals(programmeId)) {
            throw ProblemException.notFound("budget line", budgetId);
        }
        Versions.requireMatch(ifMatch, before.version());
        Money amount = Checks.money("amount", r.amount(), true);
        Checks.source("source", r.source());
        if (!amount.currency().equals(before.amount().currency())) {
            throw ProblemException.invalid("amount.currency", "a budget line keeps its currency "
                    + before.amount().currency() + "; add a line for another currency");
        }
        if (amount.amount().compareTo(before.disbursed().amount()) < 0) {
            throw new ProblemException(422, "budget-below-disbursed", "Budget below what is disbursed",
                    "fiscal year " + before.fiscalYear() + " has " + before.disbursed().amount() + " " + amount.currency()
                            + " disbursed already; the budget cannot be lower",
                    List.of(new Problem.FieldError("amount.amount", "at least " + before.disbursed().amount())));
        }
        em.createNativeQuery("""
                update budget_line set amount = :a, source = cast(:s as jsonb), updated_at = :now, version = version + 1
                where id = :id""").setParameter("a", amount.amount()).setParameter("s", json.write(r.source()))
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS)).setParameter("id", budgetId)
                .executeUpdate();
        BudgetView b = budget(budgetId);
        budgetChanged(p, b, "budget FY" + b.fiscalYear() + " " + amount.currency() + " amended", before.amount().amount());
        return b;
    }

    private void budgetChanged(Programme p, BudgetView b, String operation, BigDecimal before) {
        history.record(ProgrammeService.AGGREGATE, p.id.toString(), audience.actor(), operation, views.programme(p),
                List.of(FieldChange.of("budget[" + b.fiscalYear() + "," + b.amount().currency() + "]",
                        before == null ? null : before.toPlainString(), b.amount().amount().toPlainString())));
        events.budgetSet(p, new BudgetSet(p.id.toString(), b.id().toString(), b.fiscalYear(), b.amount().amount(),
                b.amount().currency(), b.disbursed().amount(), b.source().title(), b.updatedAt(), audience.actor()));
    }

    @Transactional
    public DisbursementView disburse(UUID programmeId, CreateDisbursement r) {
        Programme p = programmes.visible(programmeId, true);
        audience.requireEditorOf(p.providerCountry, p.recipientCountry);
        Money amount = Checks.money("amount", r.amount(), false);
        Checks.source("source", r.source());
        if (p.status != ProgrammeStatus.ACTIVE) {
            throw ProblemException.conflict("programme-not-active", "programme " + programmeId + " is " + p.status
                    + "; money is disbursed only while it is ACTIVE");
        }
        int fiscalYear = r.fiscalYear() != null ? r.fiscalYear() : r.disbursedOn().getYear();
        @SuppressWarnings("unchecked")
        List<Object[]> raised = em.createNativeQuery("""
                update budget_line set disbursed = disbursed + :a, updated_at = :now, version = version + 1
                where programme_id = :p and fiscal_year = :fy and currency = :c and disbursed + :a <= amount
                returning id, amount - disbursed""")
                .setParameter("a", amount.amount()).setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setParameter("p", programmeId).setParameter("fy", fiscalYear).setParameter("c", amount.currency())
                .getResultList();
        if (raised.isEmpty()) {
            throw overBudget(programmeId, fiscalYear, amount);
        }
        UUID budgetLineId = (UUID) raised.get(0)[0];
        BigDecimal remaining = (BigDecimal) raised.get(0)[1];
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                insert into disbursement (id, programme_id, budget_line_id, fiscal_year, disbursed_on, amount, currency,
                    purpose, source, created_at)
                values (:id, :p, :b, :fy, :on, :a, :c, :purpose, cast(:s as jsonb), :now)""")
                .setParameter("id", id).setParameter("p", programmeId).setParameter("b", budgetLineId)
                .setParameter("fy", fiscalYear).setParameter("on", r.disbursedOn()).setParameter("a", amount.amount())
                .setParameter("c", amount.currency()).setParameter("purpose", r.purpose().strip())
                .setParameter("s", json.write(r.source())).setParameter("now", now).executeUpdate();
        history.record(ProgrammeService.AGGREGATE, p.id.toString(), audience.actor(),
                "disbursement FY" + fiscalYear + " " + amount.amount().toPlainString() + " " + amount.currency(),
                views.programme(p), List.of(FieldChange.of("disbursement", null, id.toString())));
        events.disbursementRecorded(p, new DisbursementRecorded(p.id.toString(), id.toString(), budgetLineId.toString(),
                fiscalYear, r.disbursedOn(), amount.amount(), amount.currency(), r.purpose().strip(), remaining,
                r.source().title(), now, audience.actor()));
        return new DisbursementView(id, programmeId, budgetLineId, fiscalYear, r.disbursedOn(), amount, r.purpose().strip(),
                r.source(), now);
    }

    private ProblemException overBudget(UUID programmeId, int fiscalYear, Money amount) {
        @SuppressWarnings("unchecked")
        List<BigDecimal> left = em.createNativeQuery("""
                select amount - disbursed from budget_line where programme_id = :p and fiscal_year = :fy and currency = :c""")
                .setParameter("p", programmeId).setParameter("fy", fiscalYear).setParameter("c", amount.currency())
                .getResultList();
        if (left.isEmpty()) {
            return new ProblemException(422, "no-budget", "No budget for this fiscal year and currency",
                    "programme " + programmeId + " has no " + amount.currency() + " budget for fiscal year " + fiscalYear
                            + "; remaining 0.00 " + amount.currency(),
                    List.of(new Problem.FieldError("fiscalYear", "no " + amount.currency() + " budget line for " + fiscalYear)));
        }
        BigDecimal remaining = left.get(0);
        return new ProblemException(422, "over-budget", "Disbursement exceeds the budget",
                "disbursing " + amount.amount().toPlainString() + " " + amount.currency() + " would take fiscal year "
                        + fiscalYear + " over its budget; remaining " + remaining.toPlainString() + " " + amount.currency(),
                List.of(new Problem.FieldError("amount.amount", "remaining " + remaining.toPlainString() + " " + amount.currency())));
    }

    public List<BudgetView> budgets(UUID programmeId) {
        programmes.visible(programmeId, false);
        return sql.list("select * from budget_line where programme_id = ? order by fiscal_year, currency",
                List.of(programmeId), this::budgetRow);
    }

    public BudgetView budget(UUID id) {
        return sql.one("select * from budget_line where id = ?", List.of(id), this::budgetRow)
                .orElseThrow(() -> ProblemException.notFound("budget line", id));
    }

    private BudgetView budgetRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        String c = rs.getString("currency");
        BigDecimal amount = rs.getBigDecimal("amount");
        BigDecimal disbursed = rs.getBigDecimal("disbursed");
        return new BudgetView(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                rs.getInt("fiscal_year"), new Money(amount, c), new Money(disbursed, c),
                new Money(amount.subtract(disbursed), c), json.read(rs.getString("source"), Source.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    public DisbursementPage disbursements(UUID programmeId, Integer fiscalYear, String sort, int page, int size) {
        programmes.visible(programmeId, false);
        List<Object> params = new ArrayList<>(List.of(programmeId));
        String where = " where d.programme_id = ?";
        if (fiscalYear != null) {
            where += " and d.fiscal_year = ?";
            params.add(fiscalYear);
        }
        String order = SqlQueries.orderBy(sort, DISBURSEMENT_SORTS, "-disbursedOn", "d.id");
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add(PageParams.offset(page, size));
        List<DisbursementView> items = sql.list("select * from disbursement d" + where + order
                + " limit ? offset ?", pageParams, rs -> new DisbursementView(rs.getObject("id", UUID.class),
                        rs.getObject("programme_id", UUID.class), rs.getObject("budget_line_id", UUID.class),
                        rs.getInt("fiscal_year"), rs.getObject("disbursed_on", java.time.LocalDate.class),
                        new Money(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getString("purpose"),
                        json.read(rs.getString("source"), Source.class), rs.getTimestamp("created_at").toInstant()));
        return new DisbursementPage(items, page, size, sql.count("select count(*) from disbursement d" + where, params));
    }

    /** Budgeted, disbursed and remaining per group and currency, over the programmes the caller may see. */
    public TotalsView totals(String groupBy, Integer fiscalYear, String currency, String provider, String recipient,
            String category, UUID agreementId) {
        String key = GROUPS.get(groupBy);
        if (key == null) {
            throw ProblemException.invalid("groupBy", "one of " + new java.util.TreeSet<>(GROUPS.keySet()));
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where ").append(audience.sql("p", params));
        if (fiscalYear != null) {
            where.append(" and b.fiscal_year = ?");
            params.add(fiscalYear);
        }
        if (currency != null) {
            where.append(" and b.currency = ?");
            params.add(currency);
        }
        if (provider != null) {
            where.append(" and p.provider_country = ?");
            params.add(provider);
        }
        if (recipient != null) {
            where.append(" and p.recipient_country = ?");
            params.add(recipient);
        }
        if (category != null) {
            where.append(" and p.category = ?");
            params.add(category);
        }
        if (agreementId != null) {
            where.append(" and p.agreement_id = ?");
            params.add(agreementId);
        }
        String label = groupBy.equals("programme") ? "min(p.reference_code)" : "null";
        List<TotalsRow> rows = sql.list("select " + key + " as k, " + label + " as label, b.currency, sum(b.amount) as budgeted,"
                + " sum(b.disbursed) as disbursed, count(distinct p.id) as programmes"
                + " from budget_line b join programme p on p.id = b.programme_id" + where
                + " group by " + key + ", b.currency order by 1, 3", params,
                rs -> new TotalsRow(rs.getString("k"), rs.getString("label"), rs.getString("currency"),
                        rs.getBigDecimal("budgeted"), rs.getBigDecimal("disbursed"),
                        rs.getBigDecimal("budgeted").subtract(rs.getBigDecimal("disbursed")), rs.getLong("programmes")));
        return new TotalsView(groupBy, rows);
    }
}
