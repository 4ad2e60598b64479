//! A small HTTP client for the dashboard's tests (issue #21): it keeps the session cookie
//! itself (so the test sees exactly what the bot sets), follows no redirect, and signs a
//! person in the way a browser would — `/web` in the chat, the link's page, its button.

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, SET_COOKIE};

use crate::harness::{Person, TestApp};

/// An answer of the dashboard.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The `Set-Cookie` header, if any.
    pub fn set_cookie(&self) -> Option<&str> {
        self.headers.get(SET_COOKIE).and_then(|v| v.to_str().ok())
    }
}

/// One browser: an HTTP client with (at most) one session cookie.
pub struct Browser {
    client: reqwest::Client,
    base: String,
    cookie: Option<String>,
}

impl Browser {
    /// A browser with no cookie, for the bot's HTTP server at `base` (`http://127.0.0.1:…`).
    pub fn new(base: &str) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("an HTTP client"),
            base: base.trim_end_matches('/').to_owned(),
            cookie: None,
        }
    }

    /// The sign-in link of the bot's answer to `/web` (the first address in it).
    pub async fn link_for(person: &Person<'_>) -> String {
        let answer = person.says("/web").await;
        let text = answer.source_text.unwrap_or_default();
        link_in(&text).unwrap_or_else(|| panic!("no sign-in link in {text:?}"))
    }

    /// Signs `person` in: `/web`, the link's page, its button.
    pub async fn signed_in(app: &TestApp, person: &Person<'_>) -> Browser {
        let mut browser = Browser::new(&app.http_url());
        let link = Browser::link_for(person).await;
        let page = browser.get_url(&link).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let token = token_of(&link);
        let signed = browser.post("/web/login", &[("t", &token)]).await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
        assert!(browser.cookie.is_some(), "no session cookie: {signed:?}");
        browser
    }

    /// GET `path` (on the bot's server).
    pub async fn get(&mut self, path: &str) -> Answer {
        let url = format!("{}{path}", self.base);
        self.get_url(&url).await
    }

    /// GET a full address.
    pub async fn get_url(&mut self, url: &str) -> Answer {
        let request = self.with_cookie(self.client.get(url));
        self.send(request).await
    }

    /// POST a form to `path`.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let request = self.client.post(format!("{}{path}", self.base)).form(form);
        let request = self.with_cookie(request);
        self.send(request).await
    }

    /// Forgets the cookie (another browser, or a signed-out one).
    pub fn without_cookie(&self) -> Browser {
        Browser {
            client: self.client.clone(),
            base: self.base.clone(),
            cookie: None,
        }
    }

    fn with_cookie(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.cookie {
            Some(cookie) => request.header(reqwest::header::COOKIE, cookie),
            None => request,
        }
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.expect("the dashboard answers");
        let answer = Answer {
            status: response.status(),
            headers: response.headers().clone(),
            body: String::new(),
        };
        let body = response.text().await.expect("a body");
        let answer = Answer { body, ..answer };
        if let Some(set) = answer.set_cookie() {
            let pair = set.split(';').next().unwrap_or_default().trim().to_owned();
            self.cookie = match pair.split_once('=') {
                Some((_, "")) | None => None,
                Some(_) => Some(pair),
            };
        }
        answer
    }

    /// The CSRF token of the page's forms (the first `name="csrf"` field).
    pub fn csrf_in(page: &str) -> String {
        let at = page
            .find("name=\"csrf\"")
            .expect("a form with a CSRF token");
        let rest = &page[at..];
        let value = rest.find("value=\"").expect("a value") + 7;
        rest[value..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_owned()
    }
}

/// The first `http://` or `https://` address in a text.
pub fn link_in(text: &str) -> Option<String> {
    let start = text.find("http://").or_else(|| text.find("https://"))?;
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '<' && *c != '"')
        .collect();
    Some(link.replace("&amp;", "&"))
}

/// The token of a sign-in link.
pub fn token_of(link: &str) -> String {
    link.split("t=").nth(1).unwrap_or_default().to_owned()
}
