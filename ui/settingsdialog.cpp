#include "ui/settingsdialog.h"

#include "app/core/storage/keycontroller.h"
#include "app/core/storage/settings.h"
#include "ui/accountsection.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fetchmedia {

SettingsDialog::SettingsDialog(const Settings &settings, KeyController *keys, QWidget *parent)
    : QDialog(parent),
      // The base URL in use this run, which --api-base or the environment may have set.
      m_apiBase(new QLineEdit(keys->apiBaseUrl().toString(), this)),
      m_account(new AccountSection(keys, [this] { return apiBase(); }, this)),
      m_folder(new QLineEdit(QDir::toNativeSeparators(settings.downloadFolder()), this)),
      m_concurrency(new QSpinBox(this)),
      m_fetchMetadata(new QCheckBox(tr("Show titles and thumbnails (one extra request per job)"), this)),
      m_problem(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(560);

    m_apiBase->setAccessibleName(tr("API base URL"));
    m_apiBase->setEnabled(!settings.apiBaseUrlFromEnvironment() && !keys->isSandbox());

    auto *browse = new QPushButton(tr("Choose…"), this);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::chooseFolder);
    m_folder->setAccessibleName(tr("Download folder"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_concurrency->setRange(1, 16);
    m_concurrency->setValue(settings.concurrency());
    m_concurrency->setAccessibleName(tr("Parallel jobs"));

    auto *serverForm = new QFormLayout;
    serverForm->addRow(tr("API base URL:"), m_apiBase);
    auto *downloadsForm = new QFormLayout;
    downloadsForm->addRow(tr("Download folder:"), folderRow);
    downloadsForm->addRow(tr("Parallel jobs:"), m_concurrency);
    m_fetchMetadata->setChecked(settings.fetchMetadata());
    m_fetchMetadata->setToolTip(tr("Asks the service for each video's title and thumbnail when its job "
                                   "starts; skipped while the rate limit is tight."));
    downloadsForm->addRow(QString(), m_fetchMetadata);

    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_okButton = buttons->button(QDialogButtonBox::Save);
    // Enter in the key field means "Save key", not "close the pane".
    m_okButton->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(serverForm);
    layout->addWidget(m_account);
    layout->addLayout(downloadsForm);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_apiBase, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_account->keyField(), &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_folder, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    validate();
}

void SettingsDialog::focusKeyField()
{
    m_focusKeyField = true;
    m_account->keyField()->setFocus();
}

// QDialog hands the focus to a button when it is shown; "Update key…" means the key field.
void SettingsDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (m_focusKeyField && m_account->keyField()->isEnabled())
        m_account->keyField()->setFocus(Qt::OtherFocusReason);
}

void SettingsDialog::showDownloadFolderOverride(const QString &folderInUse)
{
    m_folder->setText(QDir::toNativeSeparators(folderInUse));
    m_folder->setToolTip(tr("This run saves here because of --download-dir; choose another folder "
                            "to save it as the default."));
}

QUrl SettingsDialog::apiBase() const
{
    return QUrl(m_apiBase->text().trimmed(), QUrl::StrictMode);
}

void SettingsDialog::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Download folder"),
                                                             QDir::fromNativeSeparators(m_folder->text()));
    if (!folder.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(folder));
}

void SettingsDialog::validate()
{
    QString problem;
    if (auto urlProblem = Settings::validateApiBaseUrl(apiBase()))
        problem = *urlProblem;
    else if (m_folder->text().trimmed().isEmpty())
        problem = tr("Choose a download folder.");
    else if (m_account->hasRefusedText())
        problem = tr("The text in the key field is not an API key; clear it or paste the key again.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_okButton->setEnabled(problem.isEmpty());
}

SettingsChange SettingsDialog::change() const
{
    SettingsChange change;
    change.apiBase = apiBase();
    change.downloadFolder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    change.concurrency = m_concurrency->value();
    change.fetchMetadata = m_fetchMetadata->isChecked();
    change.newApiKey = m_account->pendingKey();
    return change;
}

} // namespace fetchmedia
