#include "ui/accountsection.h"

#include "app/core/storage/apikeyinput.h"
#include "app/core/storage/keycontroller.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace fetchmedia {

namespace {

QString sourceText(const KeyController &keys)
{
    const QString masked = keys.maskedKey();
    if (keys.isSandbox())
        return AccountSection::tr("Sandbox mode: the built-in emulator's key is used; your real "
                                  "key is not read or changed.");
    if (keys.keyState() == KeyController::KeyState::Refused)
        return AccountSection::tr("The service refused the key in use (%1). Paste a new key "
                                  "and save it: waiting jobs resume by themselves.")
            .arg(keys.refusalMessage());
    switch (keys.source()) {
    case KeySource::Environment:
        return AccountSection::tr("Key %1 from the environment (FETCHMEDIA_API_KEY): it cannot be "
                                  "edited here and is never saved.").arg(masked);
    case KeySource::Keychain:
        return AccountSection::tr("Key %1 is stored in the system keychain for %2.")
            .arg(masked, keys.apiHost());
    case KeySource::SessionOnly:
        return AccountSection::tr("Key %1 is kept for this session only: it is forgotten when "
                                  "FetchMedia quits.").arg(masked);
    case KeySource::None: break;
    }
    switch (keys.keychainState()) {
    case KeyController::KeychainState::Waiting:
    case KeyController::KeychainState::Slow:
        return AccountSection::tr("Waiting for the system keychain…");
    case KeyController::KeychainState::Locked:
        return AccountSection::tr("The system keychain is locked: the stored key cannot be read "
                                  "until it is unlocked.");
    case KeyController::KeychainState::Unavailable:
        return AccountSection::tr("No system keychain available: a key you enter is kept for "
                                  "this session only.");
    default: break;
    }
    return AccountSection::tr("No API key yet for %1. Paste the key from your FetchMedia "
                              "dashboard.").arg(keys.apiHost());
}

} // namespace

AccountSection::AccountSection(KeyController *keys, std::function<QUrl()> apiBase, QWidget *parent)
    : QGroupBox(tr("Account"), parent),
      m_keys(keys),
      m_apiBase(std::move(apiBase)),
      m_source(new QLabel(this)),
      m_keyField(new QLineEdit(this)),
      m_show(new QCheckBox(tr("Show"), this)),
      m_hint(new QLabel(this)),
      m_save(new QPushButton(tr("Save key"), this)),
      m_remove(new QPushButton(tr("Remove key"), this)),
      m_test(new QPushButton(tr("Test connection"), this)),
      m_result(new QLabel(this))
{
    m_source->setWordWrap(true);
    m_keyField->setEchoMode(QLineEdit::Password);
    m_keyField->setAccessibleName(tr("API key"));
    m_keyField->setPlaceholderText(tr("Paste your API key (fm_…)"));
    m_show->setAccessibleName(tr("Show the API key"));
    connect(m_show, &QCheckBox::toggled, this, [this](bool show) {
        m_keyField->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_hint->setWordWrap(true);
    m_hint->hide();
    m_result->setWordWrap(true);
    m_result->hide();

    auto *fieldRow = new QHBoxLayout;
    fieldRow->addWidget(m_keyField, 1);
    fieldRow->addWidget(m_show);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_save);
    buttonRow->addWidget(m_remove);
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_test);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_source);
    layout->addLayout(fieldRow);
    layout->addWidget(m_hint);
    layout->addLayout(buttonRow);
    layout->addWidget(m_result);

    connect(m_keyField, &QLineEdit::textEdited, this, &AccountSection::onEdited);
    connect(m_keyField, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            m_lastLength = 0;
        refresh();
    });
    connect(m_save, &QPushButton::clicked, this, &AccountSection::save);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        m_keys->removeKey();
        showResult(tr("Removing the key…"), true);
    });
    connect(m_test, &QPushButton::clicked, this, &AccountSection::test);
    connect(m_keys, &KeyController::changed, this, &AccountSection::refresh);
    connect(m_keys, &KeyController::saveFinished, this, [this](bool stored) {
        showResult(stored ? tr("Saved in the system keychain.")
                          : m_keys->keychainState() == KeyController::KeychainState::Locked
                ? tr("The keychain is locked: nothing was written. The key is kept for this "
                     "session only.")
                : tr("No system keychain: the key is kept for this session only."),
                   stored);
    });
    connect(m_keys, &KeyController::removeFinished, this, [this](bool removed) {
        showResult(removed ? tr("The key was removed.") : tr("The keychain did not remove the key (%1).")
                                                              .arg(m_keys->keychainMessage()),
                   removed);
    });
    refresh();
}

QString AccountSection::pendingKey() const
{
    const ApiKeyInput input = ApiKeyInput::fromPasted(m_keyField->text());
    return input.accepted() ? input.key : QString();
}

bool AccountSection::hasRefusedText() const
{
    return ApiKeyInput::fromPasted(m_keyField->text()).verdict == ApiKeyInput::Verdict::Refused;
}

// A paste arrives as one edit that adds several characters: clean it in place (whitespace,
// "X-API-KEY:", "Bearer "). Typed text is left alone while typing ("Bearer" must keep its
// space); Save and Test clean it the same way.
void AccountSection::onEdited(const QString &text)
{
    const qsizetype grew = text.size() - m_lastLength;
    m_lastLength = text.size();
    if (grew <= 1)
        return;
    const ApiKeyInput input = ApiKeyInput::fromPasted(text);
    if (input.accepted() && input.key != text) {
        m_keyField->setText(input.key);
        m_lastLength = input.key.size();
    }
}

void AccountSection::refresh()
{
    const bool editable = m_keys->keyEditable();
    m_source->setText(sourceText(*m_keys));
    m_keyField->setEnabled(editable);
    m_show->setEnabled(editable);
    const ApiKeyInput input = ApiKeyInput::fromPasted(m_keyField->text());
    m_hint->setText(input.hint);
    if (m_hint->isHidden() == !input.hint.isEmpty()) {
        m_hint->setVisible(!input.hint.isEmpty());
        growWindow();
    }
    m_hint->setStyleSheet(input.verdict == ApiKeyInput::Verdict::Refused
                              ? QStringLiteral("color: #b00020;")
                              : QString());
    const bool busy = m_keys->keychainState() == KeyController::KeychainState::Waiting;
    const bool noKeychain = m_keys->keychainState() == KeyController::KeychainState::Unavailable;
    m_save->setText(noKeychain ? tr("Use for this session only") : tr("Save key"));
    m_save->setEnabled(editable && input.accepted() && !busy);
    m_remove->setEnabled(editable && !busy
                         && (m_keys->hasKey() || m_keys->source() != KeySource::None
                             || m_keys->keyState() == KeyController::KeyState::Refused));
    m_test->setEnabled(!m_keys->isSandbox() && (input.accepted() || m_keys->hasKey()));
}

void AccountSection::save()
{
    const bool noKeychain = m_keys->keychainState() == KeyController::KeychainState::Unavailable;
    const ApiKeyInput input = noKeychain ? m_keys->useForSession(m_keyField->text())
                                         : m_keys->saveKey(m_keyField->text());
    if (!input.accepted())
        return; // the hint under the field already says why
    m_keyField->clear();
    m_show->setChecked(false);
    showResult(noKeychain ? tr("The key is kept for this session only.") : tr("Saving…"), true);
}

void AccountSection::test()
{
    // The button stays enabled (disabling it would push the focus into the next field).
    if (m_testing)
        return;
    m_testing = true;
    showResult(tr("Testing the connection…"), true);
    m_keys->testConnection(m_apiBase(), m_keyField->text(), this,
                           [this](KeyController::ConnectionResult result, const QString &detail) {
                               m_testing = false;
                               refresh();
                               switch (result) {
                               case KeyController::ConnectionResult::Connected:
                                   showResult(tr("Connected: the service accepts this key."), true);
                                   return;
                               case KeyController::ConnectionResult::KeyRefused:
                                   showResult(tr("Key invalid or expired (%1).").arg(detail), false);
                                   return;
                               case KeyController::ConnectionResult::Unreachable:
                                   showResult(tr("Server unreachable (%1).").arg(detail), false);
                                   return;
                               case KeyController::ConnectionResult::Failed:
                                   showResult(tr("The test failed: %1").arg(detail), false);
                                   return;
                               }
                           });
}

// A hint or result line appeared: let the pane grow instead of squeezing the lines.
void AccountSection::growWindow()
{
    QWidget *pane = window();
    if (pane == this)
        return;
    QTimer::singleShot(0, pane, [pane] {
        pane->resize(pane->width(), std::max(pane->height(), pane->sizeHint().height()));
    });
}

void AccountSection::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    m_result->setStyleSheet(good ? QStringLiteral("color: #1b5e20;") : QStringLiteral("color: #b00020;"));
    m_result->show();
    growWindow();
}

} // namespace fetchmedia
