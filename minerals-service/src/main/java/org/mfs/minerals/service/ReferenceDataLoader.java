package org.mfs.minerals.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.mfs.minerals.CorridorStatus;
import org.mfs.minerals.NodeKind;
import org.mfs.minerals.Site;
import org.mfs.minerals.SiteKind;
import org.mfs.minerals.SiteStatus;
import org.mfs.minerals.TransportMode;
import org.mfs.minerals.config.MineralsConfig;
import org.mfs.minerals.rest.GeoDtos.Capacity;
import org.mfs.minerals.rest.GeoDtos.CorridorBody;
import org.mfs.minerals.rest.GeoDtos.NodeBody;
import org.mfs.minerals.rest.GeoDtos.SiteBody;
import org.mfs.minerals.rest.ImportDtos.ImportFormat;
import org.mfs.minerals.rest.ImportDtos.ImportReport;

import io.quarkus.runtime.StartupEvent;

/**
 * Loads reference and demo data at startup, idempotently, so a new user sees real figures:
 * the bundled USGS MCS 2025 world data excerpt (through the same import as the REST upload: re-importing it
 * changes nothing), and a few real, well-known sites and the Lobito Corridor, flagged demo with their sources.
 */
@ApplicationScoped
public class ReferenceDataLoader {

    private static final Logger LOG = Logger.getLogger(ReferenceDataLoader.class);
    public static final String USGS_RESOURCE = "data/usgs-mcs2025-world-data-excerpt.csv";

    public static final UUID TENKE = demoId("site:tenke-fungurume");
    public static final UUID KAMOTO = demoId("site:kamoto-copper-company");
    public static final UUID LOBITO = demoId("corridor:lobito");

    private final MineralsConfig config;
    private final StatisticsImporter importer;
    private final SiteService sites;
    private final CorridorService corridors;
    private final EntityManager em;

    public ReferenceDataLoader(MineralsConfig config, StatisticsImporter importer, SiteService sites,
            CorridorService corridors, EntityManager em) {
        this.config = config;
        this.importer = importer;
        this.sites = sites;
        this.corridors = corridors;
        this.em = em;
    }

    static UUID demoId(String name) {
        return UUID.nameUUIDFromBytes(("mfs-minerals-demo:" + name).getBytes(StandardCharsets.UTF_8));
    }

    void onStart(@Observes StartupEvent event) {
        if (config.seed().usgsMcs2025()) {
            loadUsgs();
        }
        if (config.seed().demoSites()) {
            loadDemoSites();
        }
    }

    public ImportReport loadUsgs() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(USGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(USGS_RESOURCE + " is missing from the application");
            }
            ImportReport r = importer.importFile(in, ImportFormat.USGS_MCS);
            LOG.infof("USGS MCS 2025 world data: %d values read, %d inserted, %d updated, %d unchanged, %d skipped",
                    r.valuesRead(), r.inserted(), r.updated(), r.unchanged(), r.skippedCount());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void loadDemoSites() {
        if (em.find(Site.class, TENKE) == null) {
            sites.createSite(new SiteBody("Tenke Fungurume Mine", SiteKind.MINE, "CD", "Lualaba", new BigDecimal("-10.568411"),
                    new BigDecimal("26.195633"), List.of("copper", "cobalt"), "CMOC Group (80%), Gécamines (20%)",
                    SiteStatus.OPERATING, null,
                    "Demo data. Coordinates and ownership: Wikipedia, 'Tenke Fungurume Mine'. 2021 output 209,120 t copper, 18,501 t cobalt."),
                    true, TENKE);
        }
        if (em.find(Site.class, KAMOTO) == null) {
            sites.createSite(new SiteBody("Kamoto Copper Company (KCC)", SiteKind.MINE, "CD", "Lualaba",
                    new BigDecimal("-10.72"), new BigDecimal("25.40"), List.of("copper", "cobalt"),
                    "Glencore (75%), Gécamines", SiteStatus.OPERATING,
                    new Capacity(new BigDecimal("30000"), "t", "t/year cobalt, annualised nameplate (Glencore, 2021)"),
                    "Demo data. West of Kolwezi (approximate position). Nameplate 300,000 t/y copper and 30,000 t/y cobalt: Mining Journal, 2021."),
                    true, KAMOTO);
        }
        if (em.find(org.mfs.minerals.Corridor.class, LOBITO) == null) {
            corridors.createCorridor(new CorridorBody("Lobito Corridor",
                    "Benguela Railway from the Atlantic port of Lobito to the Luau-Dilolo border (1,344 km, rehabilitated 2006-2013) "
                            + "and on to Kolwezi, about 1,700 km in all; operated since 2023 by the Lobito Atlantic Railway "
                            + "(Trafigura, Mota-Engil, Vecturis, 30-year concession). A new line to Zambia is planned.",
                    List.of("AO", "CD", "ZM"), List.of("copper", "cobalt"), TransportMode.RAIL, CorridorStatus.UPGRADING,
                    List.of(node("Port of Lobito", NodeKind.PORT, "AO", "-12.348", "13.546", null),
                            node("Benguela", NodeKind.TOWN, "AO", "-12.578", "13.405", null),
                            node("Huambo", NodeKind.TOWN, "AO", "-12.776", "15.739", null),
                            node("Kuito", NodeKind.TOWN, "AO", "-12.383", "16.933", null),
                            node("Luena", NodeKind.RAIL_JUNCTION, "AO", "-11.783", "19.917", null),
                            node("Luau", NodeKind.BORDER_CROSSING, "AO", "-10.707", "22.224", null),
                            node("Dilolo", NodeKind.BORDER_CROSSING, "CD", "-10.697", "22.333", null),
                            node("Kolwezi", NodeKind.TOWN, "CD", "-10.716", "25.473", KAMOTO)),
                    "Demo data. Route: Lobito Atlantic Railway (Wikipedia) and the Benguela railway rehabilitation; node "
                            + "positions are approximate town centres."),
                    true, LOBITO);
        }
    }

    private static NodeBody node(String name, NodeKind kind, String country, String lat, String lon, UUID site) {
        return new NodeBody(name, kind, country, new BigDecimal(lat), new BigDecimal(lon), site);
    }
}
