/// The shared frame of every page: title, navigation, the signed-in user and the page's content.
struct LayoutView: Sendable {
    static let template = "layout"

    struct Link: Sendable {
        let path: String
        let label: String
        let active: Bool
    }

    struct User: Sendable {
        let email: String
        let roles: String
    }

    let title: String
    /// The page, already rendered.
    let content: String
    let nav: [Link]
    let demo: Bool
    /// `<html lang>` and `dir`.
    let lang: String
    let dir: String

    struct LanguageChoice: Sendable {
        let code: String
        let name: String
        let selected: Bool
    }

    /// The language switch's choices, and the page to come back to after switching.
    let languages: [LanguageChoice]
    let back: String
    var user: User? = nil
    /// The sign-out form's token; set with `user`.
    var csrf: String? = nil
}

/// A failed request shown as a page.
struct ErrorPageView: PageView {
    static let template = "error"
    let status: Int
    let message: String
    let details: [TextRow]
    let hasDetails: Bool
}
