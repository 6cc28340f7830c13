#include "app/sandbox/sandboxstate.h"

#include "app/sandbox/payloaddevice.h"
#include "app/sandbox/sandboxserver.h"

#include <QtCore/QBuffer>

namespace fetchmedia::sandbox {

SandboxState::SandboxState(SandboxOptions sandboxOptions)
    : options(std::move(sandboxOptions))
    , jobs(options.jobSeconds)
    , limiter(options.rateLimitCount, options.rateLimitSeconds)
    , signer(options.signedUrlSeconds)
    , keys(options.keys.isEmpty() ? QStringList{defaultKey()} : options.keys)
    , flaky(options.flakyShare, options.seed)
{
    if (options.keys.isEmpty())
        options.keys = QStringList{defaultKey()};
    clock.start();
}

qint64 SandboxState::mediaSize() const
{
    return options.fileBytes >= 0 ? options.fileBytes : SandboxServer::sampleMedia().size();
}

std::unique_ptr<QIODevice> SandboxState::openMedia() const
{
    std::unique_ptr<QIODevice> device;
    if (options.fileBytes >= 0) {
        device = std::make_unique<PayloadDevice>(options.fileBytes);
    } else {
        // QBuffer shares the implicitly shared sample bytes; nothing is copied.
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(SandboxServer::sampleMedia());
        device = std::move(buffer);
    }
    device->open(QIODevice::ReadOnly);
    return device;
}

} // namespace fetchmedia::sandbox
