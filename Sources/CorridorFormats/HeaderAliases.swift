import CorridorCore

/// The header-alias table: how plain CSV stock reports (no HXL hashtag row) name their columns in
/// English, French, Spanish and Portuguese, as logisticians' ERP and spreadsheet exports write them, mapped to
/// the canonical `StockField` (HXL tag in comments there).
///
/// Lookup is on the normalised header (`normalise`): case, accents, punctuation and spacing do not
/// matter, so "Quantité disponible", "QUANTITE_DISPONIBLE" and "quantite-disponible" are one alias.
/// A header that is ambiguous across fields on its own ("Code", "Name", "Date", "Nombre") is left
/// out on purpose: the file must say which code, name or date it means.
public enum HeaderAliases {
    /// Normalises a header for lookup: lower-cased, accents folded (é→e, ñ→n, ç→c, œ→oe, ß→ss…),
    /// every run of punctuation, spaces, underscores and hyphens collapsed to a single space, trimmed.
    /// Uses only the standard library: an explicit fold table for Latin-1 and Latin Extended-A, and
    /// combining accents (a decomposed "e\u{301}") are dropped.
    public static func normalise(_ header: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in header.lowercased().unicodeScalars {
            if isCombiningMark(scalar) { continue }
            let word: [Unicode.Scalar]
            if let folded = fold[scalar] {
                word = folded
            } else if isWordScalar(scalar) {
                word = [scalar]
            } else {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(contentsOf: word)
        }
        return String(out)
    }

    /// Field for a header, or nil when the header is not a known alias.
    public static func field(forHeader header: String) -> StockField? {
        table[normalise(header)]
    }

    /// The aliases as people write them, per field: English, then French, then Spanish, then Portuguese.
    /// Documented for users; `table` is built from it.
    public static let aliases: [(field: StockField, headers: [String])] = [
        (
            .orgCode,
            [
                "org code", "organisation code", "organization code", "agency code", "partner code",
                "owner code", "org acronym", "acronym",
                "code organisation", "code de l'organisation", "code partenaire", "code agence", "sigle", "acronyme",
                "código de organización", "código organización", "código de socio", "código de agencia", "sigla", "siglas",
                "código da organização", "código organização", "código do parceiro", "código da agência",
            ]
        ),
        (
            .orgName,
            [
                "organisation", "organization", "org", "organisation name", "organization name", "agency",
                "agency name", "partner", "partner name", "owner", "owner name", "owner organisation",
                "nom de l'organisation", "nom organisation", "partenaire", "nom du partenaire", "agence", "propriétaire",
                "organización", "nombre de la organización", "socio", "nombre del socio", "agencia", "propietario",
                "organização", "nome da organização", "parceiro", "nome do parceiro", "agência", "proprietário",
            ]
        ),
        (
            .siteCode,
            [
                "site code", "site id", "warehouse code", "warehouse id", "location code", "location id",
                "store code", "depot code", "storage location code",
                "code site", "code du site", "code entrepôt", "code de l'entrepôt", "code magasin", "code dépôt",
                "código de almacén", "código almacén", "código de bodega", "código de sitio", "id almacén",
                "código de depósito",
                "código del sitio", "código del almacén", "código de la bodega", "código del depósito", "código de ubicación",
                "código do armazém", "código armazém", "código do sítio", "código do local", "código do depósito", "código do entreposto",
            ]
        ),
        (
            .siteName,
            [
                "site", "site name", "warehouse", "warehouse name", "location", "location name", "store",
                "depot", "hub", "storage location",
                "entrepôt", "nom de l'entrepôt", "nom du site", "magasin", "lieu de stockage", "site de stockage",
                "almacén", "nombre del almacén", "bodega", "nombre de la bodega", "sitio", "ubicación", "depósito",
                "armazém", "nome do armazém", "sítio", "local", "nome do local", "entreposto", "localização",
            ]
        ),
        (
            .country,
            [
                "country", "country code", "country iso", "iso country code", "iso3", "iso 3", "iso2",
                "pays", "code pays", "code du pays", "code iso du pays",
                "país", "código de país", "código país", "cod país",
                "código do país", "código país",
            ]
        ),
        (
            .lat,
            [
                "lat", "latitude", "gps lat", "gps latitude", "latitude gps", "decimal latitude", "lat dd",
                "latitude décimale", "latitude en degrés décimaux",
                "latitud", "latitud gps", "latitud decimal",
                "latitude decimal",
            ]
        ),
        (
            .lon,
            [
                "lon", "long", "lng", "longitude", "gps lon", "gps long", "gps longitude", "longitude gps",
                "decimal longitude", "lon dd",
                "longitude décimale", "longitude en degrés décimaux",
                "longitud", "longitud gps", "longitud decimal",
                "longitude decimal",
            ]
        ),
        // "estado" and "état" are taken by `status`: in a stock report they mean the stock's state.
        (
            .adm1,
            [
                "adm1", "admin1", "admin 1", "admin level 1", "adm1 name", "region", "province", "state",
                "governorate",
                "région", "province", "gouvernorat", "département", "nom adm1",
                "región", "provincia", "departamento", "gobernación", "nombre adm1",
                "região", "província",
            ]
        ),
        (
            .itemCode,
            [
                "item code", "item no", "item number", "item id", "sku", "article code", "product code",
                "product id", "material code", "material number", "part number", "catalogue code", "catalog code",
                "reference",
                "code article", "code de l'article", "code produit", "numéro d'article", "réf article", "référence",
                "código de artículo", "código artículo", "código de producto", "código del producto",
                "número de artículo", "código de material", "referencia",
                "código del artículo", "código del ítem", "código del item",
                "código do artigo", "código artigo", "código do produto", "código do item", "referência do artigo",
            ]
        ),
        (
            .itemName,
            [
                "item", "item name", "item description", "description", "article", "product", "product name",
                "product description", "material description", "commodity", "commodity name",
                "nom de l'article", "nom article", "désignation", "libellé", "libellé article", "produit",
                "description article",
                "artículo", "nombre del artículo", "descripción", "descripción del artículo", "producto",
                "nombre del producto", "insumo",
                "artigo", "nome do artigo", "descrição do artigo", "produto", "nome do produto", "designação",
            ]
        ),
        (
            .quantity,
            [
                "quantity", "qty", "quantity on hand", "qty on hand", "on hand", "available quantity",
                "available qty", "stock", "stock on hand", "soh", "balance", "closing balance", "stock balance",
                "quantité", "qté", "qte", "quantité disponible", "stock disponible", "solde", "stock final",
                "cantidad", "cant", "cantidad disponible", "existencias", "saldo", "stock actual",
                "quantidade", "qtd", "qtde", "quantidade disponível", "estoque", "stock disponível", "existência",
            ]
        ),
        (
            .unit,
            [
                "unit", "uom", "unit of measure", "unit of measurement", "measure unit", "unit of issue",
                "unité", "unité de mesure", "udm", "conditionnement",
                "unidad", "unidad de medida", "um", "u m", "unidad de manejo",
                "unidade", "unidade de medida",
            ]
        ),
        (
            .status,
            [
                "status", "stock status", "item status", "condition", "stock condition",
                "statut", "statut du stock", "état", "état du stock",
                "estado", "estado del stock", "estado del inventario", "condición",
                "situação", "estado do stock", "estado do estoque", "condição",
            ]
        ),
        (
            .expiryDate,
            [
                "expiry", "expiry date", "exp date", "expiration", "expiration date", "expires", "best before",
                "use by",
                "date d'expiration", "date de péremption", "péremption", "date limite d'utilisation", "dlu",
                "fecha de caducidad", "caducidad", "fecha de vencimiento", "vencimiento", "fecha de expiración",
                "data de validade", "validade", "prazo de validade", "data de expiração", "data de vencimento",
            ]
        ),
        (
            .reportedDate,
            [
                "reported", "reported on", "reported at", "reported date", "report date", "date reported", "reporting date",
                "as of", "as of date", "as at", "as at date", "stock date", "date of report", "snapshot date", "count date",
                "stock count date", "last reported",
                "date du rapport", "date de rapport", "date de situation", "date d'inventaire", "date du stock", "signalé le",
                "date de signalement",
                "fecha de reporte", "fecha del reporte", "fecha de informe", "fecha del informe", "fecha de corte",
                "fecha de inventario",
                "reportado", "reportado el", "fecha reportada",
                "data do relatório", "data de reporte", "data do reporte", "data do inventário", "data de referência", "reportado em",
            ]
        ),
        (
            .batch,
            [
                "batch", "batch no", "batch number", "lot", "lot no", "lot number", "batch lot", "batch id",
                "numéro de lot", "n° de lot", "no de lot", "lot n°",
                "lote", "número de lote", "nº de lote", "n° lote", "no lote",
                "número do lote", "nº do lote", "lote n°",
            ]
        ),
    ]

    /// Normalised alias → field. Keys are already normalised. The first field to claim a key keeps
    /// it; the tests check that no alias is claimed by two fields.
    static let table: [String: StockField] = {
        var table: [String: StockField] = [:]
        for (field, headers) in aliases {
            for header in headers {
                let key = normalise(header)
                if table[key] == nil { table[key] = field }
            }
        }
        return table
    }()

    // MARK: - Folding

    /// Latin-1 Supplement and Latin Extended-A letters (lower case, as `lowercased()` leaves them)
    /// → plain ASCII. Covers French, Spanish and Portuguese, and the rest of Western/Central Europe.
    private static let fold: [Unicode.Scalar: [Unicode.Scalar]] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăąª", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđð", "d"),
            ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĳ", "ij"),
            ("ĵ", "j"), ("ķĸ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉŋ", "n"),
            ("òóôõöøōŏőº", "o"), ("œ", "oe"), ("ŕŗř", "r"), ("śŝşšſ", "s"), ("ß", "ss"),
            ("ţťŧ", "t"), ("þ", "th"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        var table: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars {
                table[scalar] = Array(plain.unicodeScalars)
            }
        }
        return table
    }()

    /// Combining diacritical marks (U+0300–U+036F), as in a decomposed "é" = "e" + U+0301.
    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value)
    }

    /// Letters and digits stay; everything else (punctuation, symbols, spaces) separates words.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .decimalNumber
    }
}
