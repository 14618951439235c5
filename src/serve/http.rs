//! HTTP/1.1 message shapes of the preview server: the parts of a parsed
//! request head it looks at (`RequestInfo`), a whole response written in
//! one go (`Response`), and the Content-Type of an output path. No I/O.

/// The parts of a request the preview looks at.
pub(crate) struct RequestInfo {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) host: Option<String>,
    /// Declares a body (`Content-Length` above 0, any `Transfer-Encoding`,
    /// `Expect`): refused, never read.
    pub(crate) has_body: bool,
    pub(crate) keep_alive: bool,
    pub(crate) head_only: bool,
}

impl RequestInfo {
    pub(crate) fn from(request: &httparse::Request<'_, '_>) -> Self {
        let header = |name: &str| {
            request
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
        };
        let content_length = header("Content-Length");
        let has_body = content_length.is_some_and(|length| length != "0")
            || header("Transfer-Encoding").is_some()
            || header("Expect").is_some();
        let connection = header("Connection")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let http11 = request.version == Some(1);
        let keep_alive = if http11 {
            !connection.contains("close")
        } else {
            connection.contains("keep-alive")
        };
        let method = request.method.unwrap_or_default().to_string();
        Self {
            head_only: method == "HEAD",
            method,
            path: request.path.unwrap_or_default().to_string(),
            host: header("Host"),
            has_body,
            keep_alive,
        }
    }
}

/// A whole response, written in one go.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn new(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub(crate) fn text(status: u16, text: &str) -> Self {
        Self::new(status, text.as_bytes().to_vec())
            .header("Content-Type", "text/plain; charset=utf-8")
    }

    pub(crate) fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    pub(crate) fn bytes(&self, head_only: bool, keep_alive: bool) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        let connection = if keep_alive { "keep-alive" } else { "close" };
        out.push_str(&format!("Connection: {connection}\r\n\r\n"));
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The Content-Type for an output path, by extension.
pub fn mime_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types_by_extension() {
        assert_eq!(mime_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(mime_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(mime_type("search.json"), "application/json");
        assert_eq!(mime_type("IMG.PNG"), "image/png");
        assert_eq!(mime_type("blob"), "application/octet-stream");
    }
}
