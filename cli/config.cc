#include "cli/config.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "base/toml.h"

namespace bouncescan::cli {
namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v && *v) ? std::string(v) : fallback;
}

std::string Home() { return EnvOr("HOME", "."); }

// Collects the first error with its position; the loader stops at the first one.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  Status Fail(const toml::node& at, const std::string& what) const {
    return Status::InvalidArgument(path_ + ":" + std::to_string(at.source().begin.line) + ": " + what);
  }

  Status String(const toml::table& t, const char* key, std::string* out) const {
    const toml::node* n = t.get(key);
    if (!n) return Status::Ok();
    if (!n->is_string()) return Fail(*n, std::string("'") + key + "' must be a string");
    *out = n->as_string()->get();
    return Status::Ok();
  }

  Status Bool(const toml::table& t, const char* key, bool* out) const {
    const toml::node* n = t.get(key);
    if (!n) return Status::Ok();
    if (!n->is_boolean()) return Fail(*n, std::string("'") + key + "' must be true or false");
    *out = n->as_boolean()->get();
    return Status::Ok();
  }

  template <typename Int>
  Status Integer(const toml::table& t, const char* key, Int* out, std::int64_t min, std::int64_t max) const {
    const toml::node* n = t.get(key);
    if (!n) return Status::Ok();
    if (!n->is_integer()) return Fail(*n, std::string("'") + key + "' must be a whole number");
    std::int64_t v = n->as_integer()->get();
    if (v < min || v > max) {
      return Fail(*n, std::string("'") + key + "' must be between " + std::to_string(min) + " and " +
                          std::to_string(max));
    }
    *out = static_cast<Int>(v);
    return Status::Ok();
  }

  Status StringList(const toml::table& t, const char* key, std::vector<std::string>* out) const {
    const toml::node* n = t.get(key);
    if (!n) return Status::Ok();
    const toml::array* a = n->as_array();
    if (!a) return Fail(*n, std::string("'") + key + "' must be a list of strings");
    std::vector<std::string> values;
    for (const toml::node& e : *a) {
      if (!e.is_string()) return Fail(e, std::string("'") + key + "' must be a list of strings");
      values.push_back(e.as_string()->get());
    }
    *out = std::move(values);
    return Status::Ok();
  }

  Status OneOf(const toml::table& t, const char* key, const std::string& value,
               std::initializer_list<const char*> allowed) const {
    for (const char* a : allowed) {
      if (value == a) return Status::Ok();
    }
    std::string list;
    for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + "\"" + a + "\"";
    const toml::node* n = t.get(key);
    return Fail(n ? *n : static_cast<const toml::node&>(t),
                std::string("'") + key + "' is \"" + value + "\"; it must be one of " + list);
  }

  Status OnlyKeys(const toml::table& t, const char* table_name, const std::set<std::string>& known) const {
    for (const auto& [k, v] : t) {
      if (!known.count(std::string(k.str()))) {
        return Fail(v, std::string("unknown key '") + std::string(k.str()) + "' in " + table_name);
      }
    }
    return Status::Ok();
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

#define BOUNCESCAN_RETURN_IF_ERROR(expr)  \
  do {                                    \
    Status _s = (expr);                   \
    if (!_s.ok()) return _s;              \
  } while (0)

Status ReadAccount(const Reader& r, const toml::table& t, AccountConfig* a) {
  BOUNCESCAN_RETURN_IF_ERROR(r.OnlyKeys(t, "[[account]]",
      {"name", "url", "username", "auth", "password_command", "password_env", "ca_file", "folders",
       "after", "flag_keyword", "allow_insecure", "max_message_bytes", "connections"}));
  a->line = static_cast<int>(t.source().begin.line);
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "name", &a->name));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "url", &a->url));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "username", &a->username));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "auth", &a->auth));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "password_command", &a->password_command));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "password_env", &a->password_env));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "ca_file", &a->ca_file));
  BOUNCESCAN_RETURN_IF_ERROR(r.StringList(t, "folders", &a->folders));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "after", &a->after));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "flag_keyword", &a->flag_keyword));
  BOUNCESCAN_RETURN_IF_ERROR(r.Bool(t, "allow_insecure", &a->allow_insecure));
  BOUNCESCAN_RETURN_IF_ERROR(r.Integer(t, "max_message_bytes", &a->max_message_bytes, 4096,
                                       std::int64_t{1} << 34));
  BOUNCESCAN_RETURN_IF_ERROR(r.Integer(t, "connections", &a->connections, 1, 16));
  if (a->name.empty()) return r.Fail(t, "[[account]] needs a 'name'");
  if (a->url.empty()) return r.Fail(t, "account '" + a->name + "' needs a 'url'");
  if (a->url.rfind("imaps://", 0) != 0 && a->url.rfind("imap://", 0) != 0) {
    return r.Fail(*t.get("url"), "account '" + a->name + "': 'url' must start with imaps:// or imap://");
  }
  if (a->username.empty()) return r.Fail(t, "account '" + a->name + "' needs a 'username'");
  BOUNCESCAN_RETURN_IF_ERROR(r.OneOf(t, "auth", a->auth, {"password", "xoauth2"}));
  if (a->folders.empty()) return r.Fail(t, "account '" + a->name + "': 'folders' is empty");
  if (a->after != "keep" && a->after != "flag" &&
      !(a->after.rfind("move:", 0) == 0 && a->after.size() > 5)) {
    return r.Fail(*t.get("after"), "account '" + a->name + "': 'after' is \"" + a->after +
                                       "\"; it must be \"keep\", \"flag\" or \"move:FOLDER\"");
  }
  return Status::Ok();
}

Status ReadDigest(const Reader& r, const toml::table& t, DigestConfig* d) {
  BOUNCESCAN_RETURN_IF_ERROR(r.OnlyKeys(t, "[digest]",
      {"to", "from", "smtp_url", "username", "auth", "password_command", "password_env", "ca_file",
       "allow_insecure", "language", "every"}));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "to", &d->to));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "from", &d->from));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "smtp_url", &d->smtp_url));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "username", &d->username));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "auth", &d->auth));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "password_command", &d->password_command));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "password_env", &d->password_env));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "ca_file", &d->ca_file));
  BOUNCESCAN_RETURN_IF_ERROR(r.Bool(t, "allow_insecure", &d->allow_insecure));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "language", &d->language));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(t, "every", &d->every));
  BOUNCESCAN_RETURN_IF_ERROR(r.OneOf(t, "auth", d->auth, {"password", "xoauth2"}));
  BOUNCESCAN_RETURN_IF_ERROR(r.OneOf(t, "language", d->language, {"en", "vi"}));
  BOUNCESCAN_RETURN_IF_ERROR(r.OneOf(t, "every", d->every, {"daily", "weekly", "always"}));
  if (!d->smtp_url.empty() && d->smtp_url.rfind("smtps://", 0) != 0 && d->smtp_url.rfind("smtp://", 0) != 0) {
    return r.Fail(*t.get("smtp_url"), "[digest] 'smtp_url' must start with smtps:// or smtp://");
  }
  return Status::Ok();
}

Status ReadPolicy(const Reader& r, const toml::table& t, PolicyConfig* p) {
  BOUNCESCAN_RETURN_IF_ERROR(r.OnlyKeys(t, "[policy]", {"soft_bounces", "soft_window_days"}));
  BOUNCESCAN_RETURN_IF_ERROR(r.Integer(t, "soft_bounces", &p->soft_bounces, 1, 1000));
  BOUNCESCAN_RETURN_IF_ERROR(r.Integer(t, "soft_window_days", &p->soft_window_days, 1, 3650));
  return Status::Ok();
}

std::string DirName(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string DefaultConfigPath() {
  return EnvOr("XDG_CONFIG_HOME", Home() + "/.config") + "/bouncescan/config.toml";
}

std::string DefaultDatabasePath() {
  return EnvOr("XDG_DATA_HOME", Home() + "/.local/share") + "/bouncescan/bouncescan.db";
}

Result<Config> ParseConfig(const std::string& text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  Reader r(path);
  Config c;
  c.path = path;
  BOUNCESCAN_RETURN_IF_ERROR(r.OnlyKeys(root, "the top level",
                                        {"language", "database", "rules_file", "account", "digest", "policy"}));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(root, "language", &c.language));
  BOUNCESCAN_RETURN_IF_ERROR(r.OneOf(root, "language", c.language, {"en", "vi"}));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(root, "database", &c.database));
  BOUNCESCAN_RETURN_IF_ERROR(r.String(root, "rules_file", &c.rules_file));
  if (c.rules_file.empty()) c.rules_file = DirName(path) + "/rules.toml";

  if (const toml::node* n = root.get("account")) {
    const toml::array* accounts = n->as_array();
    if (!accounts) return r.Fail(*n, "'account' must be written as [[account]] tables");
    std::set<std::string> names;
    for (const toml::node& e : *accounts) {
      const toml::table* t = e.as_table();
      if (!t) return r.Fail(e, "'account' must be written as [[account]] tables");
      AccountConfig a;
      BOUNCESCAN_RETURN_IF_ERROR(ReadAccount(r, *t, &a));
      if (!names.insert(a.name).second) return r.Fail(*t, "two accounts are named '" + a.name + "'");
      c.accounts.push_back(std::move(a));
    }
  }
  if (const toml::node* n = root.get("digest")) {
    const toml::table* t = n->as_table();
    if (!t) return r.Fail(*n, "'digest' must be a [digest] table");
    DigestConfig d;
    d.language = c.language;
    BOUNCESCAN_RETURN_IF_ERROR(ReadDigest(r, *t, &d));
    c.digest = std::move(d);
  }
  if (const toml::node* n = root.get("policy")) {
    const toml::table* t = n->as_table();
    if (!t) return r.Fail(*n, "'policy' must be a [policy] table");
    BOUNCESCAN_RETURN_IF_ERROR(ReadPolicy(r, *t, &c.policy));
  }
  return c;
}

Result<Config> LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path);
}

}  // namespace bouncescan::cli
