// The Account section of Settings, offscreen, over a scripted keychain: masking, paste
// cleaning, refusal before any keychain write, and what Save does in each keychain state.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/keycontroller.h"
#include "tests/keychain/fakesecretstorage.h"
#include "ui/accountsection.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTest>

using namespace fetchmedia;

namespace {

const QString kKey = QStringLiteral("fm_0123456789abcdef0123456789abcdef");

struct Rig {
    QNetworkAccessManager network;
    ApiClient api{&network};
    JobQueue queue{&api, &network};
    FakeSecretStorage storage;
    KeyController keys{&storage, &api, &queue, &network};
    AccountSection section{&keys, [] { return QUrl(QStringLiteral("https://api.example.test/v1")); }};
    Rig()
    {
        api.setBaseUrl(QUrl(QStringLiteral("https://api.example.test/v1")));
        keys.setStartRetryDelay(-1);
    }
};

void paste(QLineEdit *field, const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
    field->selectAll();
    field->paste();
    QGuiApplication::clipboard()->clear();
}

} // namespace

class TstAccountSection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("FETCHMEDIA_API_KEY"); }

    void keyIsMaskedUntilShown()
    {
        Rig rig;
        QLineEdit *field = rig.section.keyField();
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QVERIFY(!field->accessibleName().isEmpty());
        auto *show = rig.section.findChild<QCheckBox *>();
        QVERIFY(show);
        show->setChecked(true);
        QCOMPARE(field->echoMode(), QLineEdit::Normal);
        show->setChecked(false);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
    }

    void pasteIsCleanedAndSavedOnce()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::NotFound, {}, 0}, {SecretStatus::Ok, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyController::KeyState::Missing);
        paste(rig.section.keyField(), QStringLiteral("X-API-KEY: ") + kKey + QStringLiteral("  "));
        QCOMPARE(rig.section.keyField()->text(), kKey);
        QVERIFY(rig.section.saveButton()->isEnabled());
        QVERIFY(rig.section.hintLabel()->isHidden());
        QTest::mouseClick(rig.section.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(rig.keys.source(), KeySource::Keychain);
        QCOMPARE(rig.storage.count(QStringLiteral("write")), 1);
        QCOMPARE(rig.storage.stored.value(QStringLiteral("api.example.test")), kKey);
        QVERIFY(rig.section.keyField()->text().isEmpty());
        QVERIFY(rig.section.sourceLabel()->text().contains(QStringLiteral("fm_0123…cdef")));
        QVERIFY(!rig.section.sourceLabel()->text().contains(kKey));
        QVERIFY(rig.section.resultLabel()->text().contains(QStringLiteral("Saved")));
    }

    void typedPrefixKeepsItsSpaceAndIsCleanedOnSave()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::NotFound, {}, 0}, {SecretStatus::Ok, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyController::KeyState::Missing);
        QTest::keyClicks(rig.section.keyField(), QStringLiteral("  Bearer ") + kKey);
        QCOMPARE(rig.section.keyField()->text(), QStringLiteral("  Bearer ") + kKey);
        QTest::mouseClick(rig.section.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(rig.keys.source(), KeySource::Keychain);
        QCOMPARE(rig.storage.stored.value(QStringLiteral("api.example.test")), kKey);
    }

    void junkIsRefusedWithAHint()
    {
        Rig rig;
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyController::KeyState::Missing);
        rig.section.keyField()->setText(QString(3000, QLatin1Char('x')));
        QVERIFY(!rig.section.saveButton()->isEnabled());
        QVERIFY(!rig.section.hintLabel()->isHidden());
        QVERIFY(rig.section.hintLabel()->text().contains(QStringLiteral("longer than an API key")));
        QTest::mouseClick(rig.section.saveButton(), Qt::LeftButton);
        QCOMPARE(rig.storage.count(QStringLiteral("write")), 0);
        rig.section.keyField()->setText(QStringLiteral("fm_0123 4567"));
        QVERIFY(!rig.section.saveButton()->isEnabled());
        QVERIFY(rig.section.hintLabel()->text().contains(QStringLiteral("no spaces")));
    }

    void unusualShapeIsOnlyAWarning()
    {
        Rig rig;
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyController::KeyState::Missing);
        rig.section.keyField()->setText(QStringLiteral("live_ABCDEF123456"));
        QVERIFY(rig.section.saveButton()->isEnabled());
        QVERIFY(!rig.section.hintLabel()->isHidden());
        QVERIFY(rig.section.hintLabel()->text().contains(QStringLiteral("Test connection")));
    }

    void withoutAKeychainSaveMeansThisSessionOnly()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::NoBackend, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keychainState(), KeyController::KeychainState::Unavailable);
        QCOMPARE(rig.section.saveButton()->text(), QStringLiteral("Use for this session only"));
        rig.section.keyField()->setText(kKey);
        QTest::mouseClick(rig.section.saveButton(), Qt::LeftButton);
        QCOMPARE(rig.keys.source(), KeySource::SessionOnly);
        QCOMPARE(rig.storage.count(QStringLiteral("write")), 0);
        QVERIFY(!rig.queue.isPaused());
        QVERIFY(rig.section.sourceLabel()->text().contains(QStringLiteral("this session only")));
    }

    void environmentKeyIsShownButNotEditable()
    {
        qputenv("FETCHMEDIA_API_KEY", kKey.toUtf8());
        Rig rig;
        rig.keys.start();
        QVERIFY(!rig.section.keyField()->isEnabled());
        QVERIFY(!rig.section.saveButton()->isEnabled());
        QVERIFY(!rig.section.removeButton()->isEnabled());
        QVERIFY(rig.section.sourceLabel()->text().contains(QStringLiteral("FETCHMEDIA_API_KEY")));
        QVERIFY(!rig.section.sourceLabel()->text().contains(kKey));
        qunsetenv("FETCHMEDIA_API_KEY");
    }
};

QTEST_MAIN(TstAccountSection)
#include "tst_accountsection.moc"
