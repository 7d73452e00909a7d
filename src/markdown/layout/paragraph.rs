//! Paragraphs: inline runs word-wrapped to the room left by the prefixes.

use super::Out;
use crate::markdown::model::Inline;
use crate::markdown::wrap::wrap;

pub(super) fn render(inlines: &[Inline], out: &mut Out) {
    for line in wrap(inlines, out.content_width(), |s| s) {
        out.line(line);
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::Document;
    use crate::markdown::inline::plain;

    const SRC: &str = "AWS Lambda runs code without provisioning or managing servers. You upload a \
                       function, and Lambda runs it\nin response to events: an HTTP request, a file landing in \
                       S3, a message on a queue.  Hard\\\nbreak here; then a very long identifier: \
                       arn:aws:lambda:eu-west-1:123456789012:function:process-orders-in-batches.\n\n\
                       Wide text wraps by columns: 無服務器計算は、サーバーを管理せずにコードを実行する方法です。\n";

    #[test]
    fn snapshot_80() {
        insta::assert_snapshot!(plain(SRC, 80));
    }

    #[test]
    fn snapshot_28() {
        insta::assert_snapshot!(plain(SRC, 28));
    }

    #[test]
    fn lines_fit_and_text_survives() {
        for width in [5, 13, 28, 80] {
            let layout = Document::parse(SRC).layout(width);
            assert!(layout.lines.iter().all(|l| l.width() <= width), "width {width}");
            let joined: String = layout.lines.iter().map(crate::markdown::Line::plain).collect();
            assert!(joined.contains("S3,") && joined.contains("方法です"), "width {width}: {joined}");
        }
    }
}
