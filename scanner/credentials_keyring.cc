// SystemKeyring(): the libsecret implementation of scanner::Keyring.
//
// libsecret (and the glib, gio and gobject it brings) is opened at run time, at the first
// Lookup, Store or Clear, not linked: most commands never touch the keyring, and loading it
// at every start cost about 6 ms. Only the header is used at build time, for the types and
// for the function pointer types below.
#include <libsecret/secret.h>

#include <cstring>
#include <map>
#include <mutex>
#include <optional>

#include "dynlib/shared_library.h"
#include "scanner/credentials.h"

namespace bouncescan::scanner {
namespace {

constexpr char kLibsecretSoname[] = "libsecret-1.so.0";
constexpr char kLibsecretPackage[] = "libsecret-1-0";

// The functions used, resolved from libsecret (g_error_free from the glib it depends on).
// secret_password_*_sync are variadic (attribute name/value pairs ending in NULL) and are
// called through pointers of their own type, so the arguments go through unchanged.
struct Libsecret {
  Status status;  // of loading; the pointers are set only when OK
  std::optional<dynlib::SharedLibrary> library;
  decltype(&::secret_password_lookup_sync) lookup_sync = nullptr;
  decltype(&::secret_password_store_sync) store_sync = nullptr;
  decltype(&::secret_password_clear_sync) clear_sync = nullptr;
  decltype(&::secret_password_free) password_free = nullptr;
  decltype(&::g_error_free) error_free = nullptr;
};

Status Resolve(const dynlib::SharedLibrary& library, Libsecret* api) {
  for (Status s : {library.Bind("secret_password_lookup_sync", &api->lookup_sync),
                   library.Bind("secret_password_store_sync", &api->store_sync),
                   library.Bind("secret_password_clear_sync", &api->clear_sync),
                   library.Bind("secret_password_free", &api->password_free),
                   library.Bind("g_error_free", &api->error_free)}) {
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// Opens `soname` once per process and keeps it loaded: libsecret registers GObject types,
// which cannot be unregistered, so it must never be unloaded.
const Libsecret& LoadLibsecret(const std::string& soname) {
  static std::mutex mutex;
  static auto* const loaded = new std::map<std::string, Libsecret>;
  std::lock_guard<std::mutex> lock(mutex);
  auto [it, inserted] = loaded->try_emplace(soname);
  Libsecret& api = it->second;
  if (!inserted) return api;
  Result<dynlib::SharedLibrary> library = dynlib::SharedLibrary::Open(soname, kLibsecretPackage);
  if (!library.ok()) {
    api.status = library.status();
  } else if (Status s = Resolve(*library, &api); !s.ok()) {
    api.status = s;
  } else {
    api.library.emplace(std::move(*library));
  }
  return api;
}

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
std::string TakeError(const Libsecret& api, GError* error) {
  std::string m = error && error->message ? error->message : "unknown error";
  if (error) api.error_free(error);
  return m;
}

class LibsecretKeyring final : public Keyring {
 public:
  explicit LibsecretKeyring(std::string soname) : soname_(std::move(soname)) {}

  Result<std::optional<std::string>> Lookup(const std::string& account) override {
    const Libsecret& api = LoadLibsecret(soname_);
    if (!api.status.ok()) return api.status;
    GError* error = nullptr;
    gchar* pw = api.lookup_sync(Schema(), nullptr, &error, "account", account.c_str(), nullptr);
    if (error) return Status::IoError("the keyring cannot be reached: " + TakeError(api, error));
    if (!pw) return std::optional<std::string>();
    std::string secret(pw);
    api.password_free(pw);  // wipes the copy libsecret made
    return std::optional<std::string>(std::move(secret));
  }

  Status Store(const std::string& account, const std::string& secret) override {
    const Libsecret& api = LoadLibsecret(soname_);
    if (!api.status.ok()) return api.status;
    GError* error = nullptr;
    std::string label = "bouncescan: " + account;
    gboolean ok = api.store_sync(Schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), secret.c_str(), nullptr,
                                 &error, "account", account.c_str(), nullptr);
    if (error || !ok) return Status::IoError("the keyring refused to store the secret: " + TakeError(api, error));
    return Status::Ok();
  }

  Result<bool> Clear(const std::string& account) override {
    const Libsecret& api = LoadLibsecret(soname_);
    if (!api.status.ok()) return api.status;
    GError* error = nullptr;
    gboolean removed = api.clear_sync(Schema(), nullptr, &error, "account", account.c_str(), nullptr);
    if (error) return Status::IoError("the keyring cannot be reached: " + TakeError(api, error));
    return removed != FALSE;
  }

 private:
  std::string soname_;
};

}  // namespace

std::unique_ptr<Keyring> SystemKeyring() { return std::make_unique<LibsecretKeyring>(kLibsecretSoname); }

std::unique_ptr<Keyring> SystemKeyringFrom(const std::string& soname) {
  return std::make_unique<LibsecretKeyring>(soname);
}

}  // namespace bouncescan::scanner
