// libFuzzer target: an API answer of any bytes, with any status, through the whole mapping and
// parsing path the client uses. It must never crash, hang or read out of bounds.
#include "app/core/api/apierror.h"
#include "app/core/api/fetchresources.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    using namespace fetchmedia;
    // The first byte picks a status from the ones the contract names and a few odd ones.
    static const int statuses[] = {200, 201, 202, 204, 302, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 0, 299, 599};
    ReplyFacts facts;
    facts.httpStatus = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
    facts.networkError = data[0] & 0x80 ? QNetworkReply::RemoteHostClosedError : QNetworkReply::NoError;
    facts.body = QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const ApiError error = mapApiError(facts);
    (void)error.summary();
    (void)errorBodyMessage(facts.body);

    const QJsonObject object = QJsonDocument::fromJson(facts.body).object();
    QString problem;
    (void)parseFetchCreated(object, &problem);
    (void)parseFetchInfo(object, &problem);
    (void)parseMetadata(object);
    return 0;
}
