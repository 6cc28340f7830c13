#include "ui/emptystate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fetchmedia {

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent),
      m_headline(new QLabel(this)),
      m_detail(new QLabel(this)),
      m_enterKey(new QPushButton(tr("Enter API key…"), this)),
      m_trySandbox(new QPushButton(tr("Try the sandbox"), this))
{
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.4);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_headline->setAlignment(Qt::AlignCenter);
    m_detail->setAlignment(Qt::AlignCenter);
    m_detail->setWordWrap(true);
    m_trySandbox->setToolTip(tr("Run the whole flow against the built-in API emulator; no account needed."));

    connect(m_enterKey, &QPushButton::clicked, this, &EmptyState::enterKeyClicked);
    connect(m_trySandbox, &QPushButton::clicked, this, &EmptyState::trySandboxClicked);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_enterKey);
    buttons->addWidget(m_trySandbox);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_headline);
    layout->addWidget(m_detail);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch();
    setNeedsKey(false);
}

void EmptyState::setNeedsKey(bool needsKey)
{
    if (needsKey) {
        m_headline->setText(tr("Welcome to FetchMedia"));
        m_detail->setText(tr("Add your FetchMedia API key to start fetching, or try everything "
                             "first against the built-in sandbox."));
    } else {
        m_headline->setText(tr("No downloads yet"));
        m_detail->setText(tr("Paste a link to a public video above (TikTok, Instagram, YouTube, "
                             "X, …) and press Enter. Many links at once work too."));
    }
    m_enterKey->setVisible(needsKey);
    m_trySandbox->setVisible(needsKey);
}

} // namespace fetchmedia
