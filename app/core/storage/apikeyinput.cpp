#include "app/core/storage/apikeyinput.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace fetchmedia {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fetchmedia::ApiKeyInput", text);
}

// Prefixes people copy along with the key from docs, curl lines or HTTP tools.
QString withoutPrefix(QString text)
{
    static const QRegularExpression prefix(
        QStringLiteral("^(?:X-API-KEY\\s*:|Authorization\\s*:\\s*Bearer\\s|Bearer\\s)\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    text.remove(prefix);
    return text.trimmed();
}

} // namespace

ApiKeyInput ApiKeyInput::fromPasted(const QString &pasted)
{
    ApiKeyInput input;
    // Checked before any other work, so that a pasted e-mail is never copied around.
    if (pasted.size() > 4 * kMaxLength) {
        input.verdict = Verdict::Refused;
        input.hint = tr("This text is much longer than an API key. Copy only the key (it starts "
                        "with fm_) from your dashboard.");
        return input;
    }
    const QString text = withoutPrefix(pasted.trimmed());
    if (text.isEmpty()) {
        input.verdict = Verdict::Empty;
        return input;
    }
    if (text.size() > kMaxLength) {
        input.verdict = Verdict::Refused;
        input.hint = tr("This does not look like an API key: it is longer than %1 characters.")
                         .arg(kMaxLength);
        return input;
    }
    for (const QChar c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            input.verdict = Verdict::Refused;
            input.hint = tr("This does not look like an API key: it has several lines. Copy "
                            "only the key.");
            return input;
        }
        if (c.isSpace()) {
            input.verdict = Verdict::Refused;
            input.hint = tr("This does not look like an API key: an API key has no spaces "
                            "inside. Copy it again from your dashboard.");
            return input;
        }
        if (c.unicode() < 0x21 || c.unicode() > 0x7e) {
            input.verdict = Verdict::Refused;
            input.hint = tr("This does not look like an API key: it contains characters a key "
                            "never has.");
            return input;
        }
    }
    input.key = text;
    static const QRegularExpression shape(QStringLiteral("^fm_[0-9a-f]{16,64}$"));
    if (shape.match(text).hasMatch()) {
        input.verdict = Verdict::Accepted;
    } else {
        input.verdict = Verdict::AcceptedUnusual;
        input.hint = tr("FetchMedia keys usually look like fm_ followed by 16 to 64 hex digits. "
                        "Use \"Test connection\" to check this one.");
    }
    return input;
}

QString ApiKeyInput::masked(const QString &key)
{
    if (key.isEmpty())
        return QString();
    const QChar ellipsis(0x2026);
    // Short keys show less, so that the visible part never approaches the whole key.
    if (key.size() >= 16)
        return key.left(7) + ellipsis + key.right(4);
    if (key.size() >= 8)
        return key.left(3) + ellipsis + key.right(2);
    return QString(ellipsis);
}

} // namespace fetchmedia
