package org.mfs.minerals.service;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.mfs.platform.validation.CountryCode;

/**
 * Country names as the USGS writes them, resolved to ISO 3166-1 alpha-2 codes, plus the world-total and
 * rest-of-world rows. English names from the JDK's ISO table are accepted too.
 */
public final class CountryNames {

    public static final String WORLD = "WORLD";
    public static final String REST_OF_WORLD = "ROW";

    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            BY_NAME.put(key(new Locale("", code).getDisplayCountry(Locale.ENGLISH)), code);
        }
        // The USGS's own spellings (Mineral Commodity Summaries country names)
        String[][] usgs = {
                { "Congo (Kinshasa)", "CD" }, { "Congo (Brazzaville)", "CG" }, { "Burma", "MM" },
                { "Korea, North", "KP" }, { "Korea, Republic of", "KR" }, { "Korea, South", "KR" },
                { "Turkey", "TR" }, { "Turkiye", "TR" }, { "Russia", "RU" }, { "Vietnam", "VN" }, { "Laos", "LA" },
                { "Iran", "IR" }, { "Syria", "SY" }, { "Czechia", "CZ" }, { "Czech Republic", "CZ" },
                { "Cote d'Ivoire", "CI" }, { "Ivory Coast", "CI" }, { "Bolivia", "BO" }, { "Tanzania", "TZ" },
                { "Venezuela", "VE" }, { "Moldova", "MD" }, { "Macedonia", "MK" }, { "North Macedonia", "MK" },
                { "Taiwan", "TW" }, { "Eswatini", "SZ" }, { "Swaziland", "SZ" }, { "Kyrgyzstan", "KG" },
                { "United Kingdom", "GB" }, { "Netherlands", "NL" }, { "Bahamas, The", "BS" }, { "Gambia, The", "GM" },
                { "Bosnia and Herzegovina", "BA" }, { "Brunei", "BN" }, { "Cabo Verde", "CV" }, { "Micronesia", "FM" },
                { "United States", "US" }, { "Hong Kong", "HK" }, { "Macau", "MO" }, { "Palestine", "PS" },
                { "Timor-Leste", "TL" }, { "East Timor", "TL" }, { "Sao Tome and Principe", "ST" },
                { "Saint Kitts and Nevis", "KN" }, { "Saint Lucia", "LC" }, { "Saint Vincent and the Grenadines", "VC" },
                { "Myanmar", "MM" }, { "Democratic Republic of the Congo", "CD" }, { "Republic of the Congo", "CG" },
                { "South Korea", "KR" }, { "North Korea", "KP" }, { "New Caledonia", "NC" }, { "Greenland", "GL" },
        };
        for (String[] e : usgs) {
            BY_NAME.put(key(e[0]), e[1]);
        }
        for (String world : new String[] { "World total (rounded)", "World total", "World total (may be rounded)",
                "World" }) {
            BY_NAME.put(key(world), WORLD);
        }
        for (String other : new String[] { "Other countries", "Other", "Others", "Rest of world" }) {
            BY_NAME.put(key(other), REST_OF_WORLD);
        }
    }

    private CountryNames() {
    }

    private static String key(String name) {
        String n = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ");
    }

    /** The ISO code (or WORLD/ROW) for a USGS or English country name. */
    public static Optional<String> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(key(name)));
    }

    /** Whether {@code area} is a country code, WORLD or ROW. */
    public static boolean isArea(String area) {
        return WORLD.equals(area) || REST_OF_WORLD.equals(area) || CountryCode.Validator.isCountry(area);
    }

    /** A display name for an area code. */
    public static String displayName(String area) {
        if (WORLD.equals(area)) {
            return "World total";
        }
        if (REST_OF_WORLD.equals(area)) {
            return "Rest of world (other countries)";
        }
        return new Locale("", area).getDisplayCountry(Locale.ENGLISH);
    }
}
