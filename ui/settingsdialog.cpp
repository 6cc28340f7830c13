#include "ui/settingsdialog.h"

#include "app/core/storage/settings.h"

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

SettingsDialog::SettingsDialog(const Settings &settings, const KeyInfo &keyInfo, QWidget *parent)
    : QDialog(parent),
      m_apiBase(new QLineEdit(settings.apiBaseUrl().toString(), this)),
      m_apiKey(new QLineEdit(this)),
      m_showKey(new QCheckBox(tr("Show"), this)),
      m_folder(new QLineEdit(QDir::toNativeSeparators(settings.downloadFolder()), this)),
      m_concurrency(new QSpinBox(this)),
      m_problem(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(520);

    m_apiBase->setAccessibleName(tr("API base URL"));
    m_apiBase->setEnabled(!settings.apiBaseUrlFromEnvironment() && keyInfo.editable);

    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setPlaceholderText(keyInfo.editable ? tr("Paste your key (fm_…) to replace the stored one")
                                                  : QString());
    m_apiKey->setEnabled(keyInfo.editable);
    connect(m_showKey, &QCheckBox::toggled, this, [this](bool show) {
        m_apiKey->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_showKey->setEnabled(keyInfo.editable);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_showKey);
    auto *keySource = new QLabel(keyInfo.sourceText, this);
    keySource->setWordWrap(true);
    keySource->setEnabled(false);

    auto *browse = new QPushButton(tr("Choose…"), this);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::chooseFolder);
    m_folder->setAccessibleName(tr("Download folder"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_concurrency->setRange(1, 16);
    m_concurrency->setValue(settings.concurrency());
    m_concurrency->setAccessibleName(tr("Parallel jobs"));

    auto *form = new QFormLayout;
    form->addRow(tr("API base URL:"), m_apiBase);
    form->addRow(tr("API key:"), keyRow);
    form->addRow(QString(), keySource);
    form->addRow(tr("Download folder:"), folderRow);
    form->addRow(tr("Parallel jobs:"), m_concurrency);

    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_okButton = buttons->button(QDialogButtonBox::Save);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_apiBase, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_apiKey, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_folder, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    validate();
}

void SettingsDialog::focusKeyField()
{
    m_apiKey->setFocus();
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
    if (auto urlProblem = Settings::validateApiBaseUrl(QUrl(m_apiBase->text().trimmed(), QUrl::StrictMode)))
        problem = *urlProblem;
    else if (m_folder->text().trimmed().isEmpty())
        problem = tr("Choose a download folder.");
    else if (m_apiKey->text().trimmed().contains(QLatin1Char(' ')))
        problem = tr("An API key has no spaces inside; copy it again from the dashboard.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_okButton->setEnabled(problem.isEmpty());
}

SettingsChange SettingsDialog::change() const
{
    SettingsChange change;
    change.apiBase = QUrl(m_apiBase->text().trimmed(), QUrl::StrictMode);
    change.downloadFolder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    change.concurrency = m_concurrency->value();
    change.newApiKey = m_apiKey->text().trimmed();
    return change;
}

} // namespace fetchmedia
