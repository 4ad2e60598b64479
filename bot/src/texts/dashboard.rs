//! Issue #21, the dashboard: `/web`'s answers in the chat (HTML), and the pages' words (plain
//! text: the pages' templates escape them), each the catalogue message `web-<label>`.

use super::*;

macro_rules! web_labels {
    ($($variant:ident = $key:literal,)*) => {
        /// A word or sentence of the dashboard's pages, the catalogue message `web-<key>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum WebLabel {
            $($variant,)*
        }

        impl WebLabel {
            /// Every label, for the catalogue check.
            pub const ALL: &[WebLabel] = &[$(WebLabel::$variant,)*];

            /// The catalogue message's name without its `web-` prefix.
            pub const fn key(self) -> &'static str {
                match self {
                    $(WebLabel::$variant => $key,)*
                }
            }
        }
    };
}

web_labels! {
    Dashboard = "dashboard",
    SkipToContent = "skip-to-content",
    SignIn = "sign-in",
    SignInTitle = "sign-in-title",
    SignInExplained = "sign-in-explained",
    LinkRefused = "link-refused",
    LinkRefusedExplained = "link-refused-explained",
    NeedSignIn = "need-sign-in",
    NeedSignInExplained = "need-sign-in-explained",
    SignOut = "sign-out",
    SignedOut = "signed-out",
    SignedOutExplained = "signed-out-explained",
    NotFound = "not-found",
    NotFoundExplained = "not-found-explained",
    StaleForm = "stale-form",
    StaleFormExplained = "stale-form-explained",
    Failed = "failed",
    FailedExplained = "failed-explained",
    Overview = "overview",
    Groups = "groups",
    Group = "group",
    Window = "window",
    Window7 = "window-7",
    Window30 = "window-30",
    Window90 = "window-90",
    WindowAll = "window-all",
    Show = "show",
    Privacy = "privacy",
    Coordinator = "coordinator",
    Facilitator = "facilitator",
    NoGroups = "no-groups",
    Members = "members",
    Active = "active",
    Paused = "paused",
    Blocked = "blocked",
    Posts = "posts",
    Surveys = "surveys",
    ResponseRate = "response-rate",
    Comments = "comments",
    LastActivity = "last-activity",
    Never = "never",
    Equity = "equity",
    Silent = "silent",
    Challenge = "challenge",
    Timeline = "timeline",
    Prototypes = "prototypes",
    Prototype = "prototype",
    Outcome = "outcome",
    Question = "question",
    Category = "category",
    Status = "status",
    StatusHistory = "status-history",
    Delivery = "delivery",
    Delivered = "delivered",
    Pending = "pending",
    Undelivered = "undelivered",
    YouSaidWeDid = "you-said-we-did",
    Answers = "answers",
    Survey = "survey",
    Chart = "chart",
    ChartText = "chart-text",
    TextAnswers = "text-answers",
    ResponsesOverTime = "responses-over-time",
    Held = "held",
    Filter = "filter",
    Post = "post",
    AnyPost = "any-post",
    Kind = "kind",
    AnyKind = "any-kind",
    KindText = "kind-text",
    KindVoice = "kind-voice",
    KindPhoto = "kind-photo",
    From = "from",
    Until = "until",
    IncludeHidden = "include-hidden",
    Search = "search",
    Hide = "hide",
    Hidden = "hidden",
    NoComments = "no-comments",
    Export = "export",
    ExportExplained = "export-explained",
    Download = "download",
    CsvAnswers = "csv-answers",
    CsvComments = "csv-comments",
    CsvDeliveries = "csv-deliveries",
    Print = "print",
    PrintExplained = "print-explained",
    NotReady = "not-ready",
    Date = "date",
    Text = "text",
    Nothing = "nothing",
    Anonymous = "anonymous",
    SurveyOpen = "survey-open",
    SurveyClosed = "survey-closed",
    Respondents = "respondents",
    Reached = "reached",
    Finished = "finished",
    Mean = "mean",
    Count = "count",
    Share = "share",
    Day = "day",
    Invited = "invited",
    Other = "other",
    Archived = "archived",
    Withheld = "withheld",
    NextPage = "next-page",
    Told = "told",
    Summary = "summary",
    Answered = "answered",
    PrintLayout = "print-layout",
    NoValue = "no-value",
}

impl Texts<'_> {
    /// `/web`: the sign-in link (sent with link previews off).
    pub fn web_sign_in_link(&self, link: &str) -> String {
        self.tra("web-link", args!["link" => escape(link)])
    }

    /// `/help`'s line about `/web`, for facilitators and coordinators.
    pub fn web_help(&self) -> String {
        self.tr("help-web")
    }

    /// `/web` when coloop runs without its HTTP server.
    pub fn web_no_server(&self) -> String {
        self.tr("web-no-server")
    }

    /// `/web logout`: how many sessions ended.
    pub fn web_signed_out(&self, sessions: u64) -> String {
        self.tra("web-logged-out", args!["count" => sessions])
    }

    /// A word of the dashboard's pages (plain text).
    pub fn web_label(&self, label: WebLabel) -> String {
        self.tr(&format!("web-{}", label.key()))
    }

    /// A moment on the pages (plain text): `7 Dec 09:30`.
    pub fn web_date(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.date_time_label(at)
    }

    /// A day on the pages (plain text): `7 December 2026`.
    pub fn web_day(&self, day: NaiveDate) -> String {
        self.date_label(day)
    }

    /// A share on the pages (plain text): `42 %`.
    pub fn web_percent(&self, share: f64) -> String {
        let value = (share * 100.0).round() as i64;
        self.tra("web-percent", args!["value" => value])
    }

    /// A comment's file on the pages (plain text): `[voice 0:12]`.
    pub fn web_media(&self, kind: MediaKind, duration: Option<i64>) -> String {
        self.media_label(kind, duration)
    }

    /// The pages' header: who is signed in (plain text).
    pub fn web_signed_in_as(&self, name: &str) -> String {
        self.tra("web-signed-in-as", args!["name" => name.to_owned()])
    }
}
