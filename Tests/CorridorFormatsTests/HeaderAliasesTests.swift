import CorridorCore
import CorridorFormats
import Testing

@Suite struct HeaderAliasesTests {
    @Test func englishHeaders() {
        #expect(HeaderAliases.field(forHeader: "Organization code") == .orgCode)
        #expect(HeaderAliases.field(forHeader: "Agency") == .orgName)
        #expect(HeaderAliases.field(forHeader: "Warehouse Code") == .siteCode)
        #expect(HeaderAliases.field(forHeader: "Warehouse") == .siteName)
        #expect(HeaderAliases.field(forHeader: "Country ISO") == .country)
        #expect(HeaderAliases.field(forHeader: "Latitude") == .lat)
        #expect(HeaderAliases.field(forHeader: "Lng") == .lon)
        #expect(HeaderAliases.field(forHeader: "Admin 1") == .adm1)
        #expect(HeaderAliases.field(forHeader: "SKU") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Item description") == .itemName)
        #expect(HeaderAliases.field(forHeader: "Qty on hand") == .quantity)
        #expect(HeaderAliases.field(forHeader: "UoM") == .unit)
        #expect(HeaderAliases.field(forHeader: "Stock status") == .status)
        #expect(HeaderAliases.field(forHeader: "Expiry date") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "As of date") == .reportedDate)
        #expect(HeaderAliases.field(forHeader: "Batch No.") == .batch)
    }

    @Test func frenchHeaders() {
        #expect(HeaderAliases.field(forHeader: "Code partenaire") == .orgCode)
        #expect(HeaderAliases.field(forHeader: "Nom de l'organisation") == .orgName)
        #expect(HeaderAliases.field(forHeader: "Code entrepôt") == .siteCode)
        #expect(HeaderAliases.field(forHeader: "Entrepôt") == .siteName)
        #expect(HeaderAliases.field(forHeader: "Pays") == .country)
        #expect(HeaderAliases.field(forHeader: "Latitude décimale") == .lat)
        #expect(HeaderAliases.field(forHeader: "Département") == .adm1)
        #expect(HeaderAliases.field(forHeader: "Code article") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Désignation") == .itemName)
        #expect(HeaderAliases.field(forHeader: "Quantité disponible") == .quantity)
        #expect(HeaderAliases.field(forHeader: "Qté") == .quantity)
        #expect(HeaderAliases.field(forHeader: "Unité de mesure") == .unit)
        #expect(HeaderAliases.field(forHeader: "État du stock") == .status)
        #expect(HeaderAliases.field(forHeader: "Date de péremption") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "Date d'expiration") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "Date du rapport") == .reportedDate)
        #expect(HeaderAliases.field(forHeader: "N° de lot") == .batch)
    }

    @Test func spanishHeaders() {
        #expect(HeaderAliases.field(forHeader: "Código de organización") == .orgCode)
        #expect(HeaderAliases.field(forHeader: "Organización") == .orgName)
        #expect(HeaderAliases.field(forHeader: "Código de almacén") == .siteCode)
        #expect(HeaderAliases.field(forHeader: "Almacén") == .siteName)
        #expect(HeaderAliases.field(forHeader: "Bodega") == .siteName)
        #expect(HeaderAliases.field(forHeader: "País") == .country)
        #expect(HeaderAliases.field(forHeader: "Longitud") == .lon)
        #expect(HeaderAliases.field(forHeader: "Provincia") == .adm1)
        #expect(HeaderAliases.field(forHeader: "Código de artículo") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Descripción del artículo") == .itemName)
        #expect(HeaderAliases.field(forHeader: "Cantidad") == .quantity)
        #expect(HeaderAliases.field(forHeader: "Existencias") == .quantity)
        #expect(HeaderAliases.field(forHeader: "Unidad de medida") == .unit)
        #expect(HeaderAliases.field(forHeader: "Estado") == .status)
        #expect(HeaderAliases.field(forHeader: "Fecha de caducidad") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "Fecha de vencimiento") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "Fecha de corte") == .reportedDate)
        #expect(HeaderAliases.field(forHeader: "Nº de lote") == .batch)
    }

    @Test func spanishSiteAndItemCodesWithTheArticle() {
        #expect(HeaderAliases.field(forHeader: "Código del artículo") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Codigo del articulo") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Código del sitio") == .siteCode)
        #expect(HeaderAliases.field(forHeader: "CODIGO DEL ALMACEN") == .siteCode)
    }

    @Test func portugueseHeaders() {
        #expect(HeaderAliases.field(forHeader: "Código da organização") == .orgCode)
        #expect(HeaderAliases.field(forHeader: "Organização") == .orgName)
        #expect(HeaderAliases.field(forHeader: "Código do armazém") == .siteCode)
        #expect(HeaderAliases.field(forHeader: "Armazém") == .siteName)
        #expect(HeaderAliases.field(forHeader: "Armazem") == .siteName)
        #expect(HeaderAliases.field(forHeader: "Código do país") == .country)
        #expect(HeaderAliases.field(forHeader: "Região") == .adm1)
        #expect(HeaderAliases.field(forHeader: "Código do artigo") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Codigo do artigo") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Descrição do artigo") == .itemName)
        #expect(HeaderAliases.field(forHeader: "Quantidade") == .quantity)
        #expect(HeaderAliases.field(forHeader: "Unidade de medida") == .unit)
        #expect(HeaderAliases.field(forHeader: "Situação") == .status)
        #expect(HeaderAliases.field(forHeader: "Data de validade") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "Data do relatório") == .reportedDate)
        #expect(HeaderAliases.field(forHeader: "Número do lote") == .batch)
    }

    @Test func theReportedDateAsPeopleHeadIt() {
        for header in ["Reported", "Reported on", "As at", "Signalé le", "Reportado"] {
            #expect(HeaderAliases.field(forHeader: header) == .reportedDate, "\(header)")
        }
    }

    @Test func normalisationFoldsCaseAccentsAndPunctuation() {
        #expect(HeaderAliases.normalise("  Quantité   DISPONIBLE ") == "quantite disponible")
        #expect(HeaderAliases.normalise("QUANTITE_DISPONIBLE") == "quantite disponible")
        #expect(HeaderAliases.normalise("quantite--disponible") == "quantite disponible")
        #expect(HeaderAliases.normalise("Date d’expiration") == "date d expiration")
        #expect(HeaderAliases.normalise("Año/Niño (ÇÀ) – Œuvre, Straße") == "ano nino ca oeuvre strasse")
        #expect(HeaderAliases.normalise("Ubicaci\u{6F}\u{301}n") == "ubicacion")  // decomposed accent
        #expect(HeaderAliases.normalise("Łódź Ğ ĳ") == "lodz g ij")
        #expect(HeaderAliases.normalise("Qty.") == "qty")
        #expect(HeaderAliases.normalise("#item+code") == "item code")
        #expect(HeaderAliases.normalise("") == "")
        #expect(HeaderAliases.normalise(" _-. ") == "")
    }

    @Test func lookupIgnoresCaseAccentsAndPunctuation() {
        #expect(HeaderAliases.field(forHeader: "FECHA_DE_CADUCIDAD") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "date-de-peremption") == .expiryDate)
        #expect(HeaderAliases.field(forHeader: "  ITEM   CODE ") == .itemCode)
        #expect(HeaderAliases.field(forHeader: "Qty.") == .quantity)
        #expect(HeaderAliases.field(forHeader: "Código Almacén:") == .siteCode)
        #expect(HeaderAliases.field(forHeader: "Entrepot") == .siteName)
        #expect(HeaderAliases.field(forHeader: "ENTREPÔT") == .siteName)
        #expect(HeaderAliases.field(forHeader: "Batch/Lot") == .batch)
    }

    @Test func unknownHeadersGiveNil() {
        #expect(HeaderAliases.field(forHeader: "") == nil)
        #expect(HeaderAliases.field(forHeader: "Comments") == nil)
        #expect(HeaderAliases.field(forHeader: "Unit price") == nil)
        #expect(HeaderAliases.field(forHeader: "Prix unitaire") == nil)
        #expect(HeaderAliases.field(forHeader: "Donante") == nil)
        #expect(HeaderAliases.field(forHeader: "Unit of Measure (UoM)") == nil)  // aliases match whole headers
        // Ambiguous on their own: which code, which name, which date?
        #expect(HeaderAliases.field(forHeader: "Code") == nil)
        #expect(HeaderAliases.field(forHeader: "Name") == nil)
        #expect(HeaderAliases.field(forHeader: "Nombre") == nil)
        #expect(HeaderAliases.field(forHeader: "Date") == nil)
    }

    @Test func noAliasMapsToTwoFields() {
        var seen: [String: StockField] = [:]
        var clashes: [String] = []
        for (field, headers) in HeaderAliases.aliases {
            for header in headers {
                let key = HeaderAliases.normalise(header)
                if let other = seen[key], other != field {
                    clashes.append("\(header) → \(other.rawValue) and \(field.rawValue)")
                }
                seen[key] = field
            }
        }
        #expect(clashes.isEmpty)
        for (field, headers) in HeaderAliases.aliases {
            for header in headers {
                #expect(HeaderAliases.field(forHeader: header) == field, "\(header)")
            }
        }
    }

    @Test func everyFieldHasAliasesInThreeLanguages() {
        #expect(Set(HeaderAliases.aliases.map { $0.field }) == Set(StockField.allCases))
        for (field, headers) in HeaderAliases.aliases {
            let distinct = Set(headers.map(HeaderAliases.normalise))
            #expect(distinct.count >= 6, "\(field.rawValue) has \(distinct.count) aliases")
        }
    }
}
