// SystemKeyring(): the libsecret implementation of scanner::Keyring.
#include <libsecret/secret.h>

#include <cstring>

#include "scanner/credentials.h"

namespace bouncescan::scanner {
namespace {

// Items are stored under this schema with one attribute, the account name.
const SecretSchema* Schema() {
  static const SecretSchema schema = [] {
    SecretSchema s{};
    s.name = "org.bouncescan.Account";
    s.flags = SECRET_SCHEMA_NONE;
    s.attributes[0].name = "account";
    s.attributes[0].type = SECRET_SCHEMA_ATTRIBUTE_STRING;
    s.attributes[1].name = nullptr;
    return s;
  }();
  return &schema;
}

// Takes ownership of a GError and turns it into a message.
std::string TakeError(GError* error) {
  std::string m = error && error->message ? error->message : "unknown error";
  if (error) g_error_free(error);
  return m;
}

class LibsecretKeyring final : public Keyring {
 public:
  Result<std::optional<std::string>> Lookup(const std::string& account) override {
    GError* error = nullptr;
    gchar* pw = secret_password_lookup_sync(Schema(), nullptr, &error, "account", account.c_str(), nullptr);
    if (error) return Status::IoError("the keyring cannot be reached: " + TakeError(error));
    if (!pw) return std::optional<std::string>();
    std::string secret(pw);
    secret_password_free(pw);  // wipes the copy libsecret made
    return std::optional<std::string>(std::move(secret));
  }

  Status Store(const std::string& account, const std::string& secret) override {
    GError* error = nullptr;
    std::string label = "bouncescan: " + account;
    gboolean ok = secret_password_store_sync(Schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), secret.c_str(),
                                             nullptr, &error, "account", account.c_str(), nullptr);
    if (error || !ok) return Status::IoError("the keyring refused to store the secret: " + TakeError(error));
    return Status::Ok();
  }

  Result<bool> Clear(const std::string& account) override {
    GError* error = nullptr;
    gboolean removed = secret_password_clear_sync(Schema(), nullptr, &error, "account", account.c_str(), nullptr);
    if (error) return Status::IoError("the keyring cannot be reached: " + TakeError(error));
    return removed != FALSE;
  }
};

}  // namespace

std::unique_ptr<Keyring> SystemKeyring() { return std::make_unique<LibsecretKeyring>(); }

}  // namespace bouncescan::scanner
