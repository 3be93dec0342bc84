namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// The 98 Danish municipalities since the 2007 reform (Christiansø excluded), their official codes, regions and
/// a rough population in thousands used as the weight of firm locations.
/// </summary>
internal static class DanishGeography
{
    /// <summary>The five region names, in the order of <see cref="Municipality.Region"/>.</summary>
    public static readonly string[] Regions =
    [
        "Region Hovedstaden",
        "Region Sjælland",
        "Region Syddanmark",
        "Region Midtjylland",
        "Region Nordjylland",
    ];

    /// <summary>Municipalities: code, name, region index, population weight (thousands).</summary>
    public static readonly Municipality[] Municipalities =
    [
        // Region Hovedstaden
        new("101", "København", 0, 580), new("147", "Frederiksberg", 0, 103), new("151", "Ballerup", 0, 48),
        new("153", "Brøndby", 0, 35), new("155", "Dragør", 0, 14), new("157", "Gentofte", 0, 75),
        new("159", "Gladsaxe", 0, 68), new("161", "Glostrup", 0, 22), new("163", "Herlev", 0, 28),
        new("165", "Albertslund", 0, 28), new("167", "Hvidovre", 0, 52), new("169", "Høje-Taastrup", 0, 48),
        new("173", "Lyngby-Taarbæk", 0, 55), new("175", "Rødovre", 0, 37), new("183", "Ishøj", 0, 22),
        new("185", "Tårnby", 0, 43), new("187", "Vallensbæk", 0, 15), new("190", "Furesø", 0, 40),
        new("201", "Allerød", 0, 25), new("210", "Fredensborg", 0, 40), new("217", "Helsingør", 0, 62),
        new("219", "Hillerød", 0, 49), new("223", "Hørsholm", 0, 25), new("230", "Rudersdal", 0, 56),
        new("240", "Egedal", 0, 43), new("250", "Frederikssund", 0, 45), new("260", "Halsnæs", 0, 31),
        new("270", "Gribskov", 0, 41), new("400", "Bornholm", 0, 40),

        // Region Sjælland
        new("253", "Greve", 1, 49), new("259", "Køge", 1, 60), new("265", "Roskilde", 1, 86),
        new("269", "Solrød", 1, 22), new("306", "Odsherred", 1, 33), new("316", "Holbæk", 1, 70),
        new("320", "Faxe", 1, 36), new("326", "Kalundborg", 1, 49), new("329", "Ringsted", 1, 34),
        new("330", "Slagelse", 1, 79), new("336", "Stevns", 1, 23), new("340", "Sorø", 1, 30),
        new("350", "Lejre", 1, 27), new("360", "Lolland", 1, 44), new("370", "Næstved", 1, 82),
        new("376", "Guldborgsund", 1, 62), new("390", "Vordingborg", 1, 45),

        // Region Syddanmark
        new("410", "Middelfart", 2, 38), new("420", "Assens", 2, 41), new("430", "Faaborg-Midtfyn", 2, 52),
        new("440", "Kerteminde", 2, 24), new("450", "Nyborg", 2, 32), new("461", "Odense", 2, 200),
        new("479", "Svendborg", 2, 59), new("480", "Nordfyns", 2, 29), new("482", "Langeland", 2, 13),
        new("492", "Ærø", 2, 6), new("510", "Haderslev", 2, 56), new("530", "Billund", 2, 27),
        new("540", "Sønderborg", 2, 75), new("550", "Tønder", 2, 38), new("561", "Esbjerg", 2, 116),
        new("563", "Fanø", 2, 3), new("573", "Varde", 2, 50), new("575", "Vejen", 2, 42),
        new("580", "Aabenraa", 2, 59), new("607", "Fredericia", 2, 51), new("621", "Kolding", 2, 92),
        new("630", "Vejle", 2, 112),

        // Region Midtjylland
        new("615", "Horsens", 3, 87), new("657", "Herning", 3, 88), new("661", "Holstebro", 3, 58),
        new("665", "Lemvig", 3, 20), new("671", "Struer", 3, 21), new("706", "Syddjurs", 3, 42),
        new("707", "Norddjurs", 3, 38), new("710", "Favrskov", 3, 48), new("727", "Odder", 3, 22),
        new("730", "Randers", 3, 97), new("740", "Silkeborg", 3, 92), new("741", "Samsø", 3, 4),
        new("746", "Skanderborg", 3, 60), new("751", "Aarhus", 3, 330), new("756", "Ikast-Brande", 3, 41),
        new("760", "Ringkøbing-Skjern", 3, 57), new("766", "Hedensted", 3, 46), new("779", "Skive", 3, 47),
        new("791", "Viborg", 3, 97),

        // Region Nordjylland
        new("773", "Morsø", 4, 21), new("787", "Thisted", 4, 44), new("810", "Brønderslev", 4, 36),
        new("813", "Frederikshavn", 4, 61), new("820", "Vesthimmerlands", 4, 37), new("825", "Læsø", 4, 2),
        new("840", "Rebild", 4, 29), new("846", "Mariagerfjord", 4, 42), new("849", "Jammerbugt", 4, 38),
        new("851", "Aalborg", 4, 210), new("860", "Hjørring", 4, 65),
    ];

    /// <summary>A municipality: official code, name, region index into <see cref="Regions"/>, weight.</summary>
    internal readonly record struct Municipality(string Code, string Name, int Region, double Weight);
}
