#include "auth/common_passwords.hpp"

#include <algorithm>
#include <array>

namespace plenum::auth {
namespace {

// Written from the top entries of public leaked-password lists (RockYou, the yearly "most
// common passwords" lists, German- and French-language lists), plus the product and meeting
// names an attacker would try on this service. Stored in lower case (ASCII), sorted by byte
// value so that lookup is a binary search; the static_asserts below keep it that way.
constexpr std::array<std::string_view, 344> kCommonPasswords = {
    "!qaz2wsx",       "000000",       "00000000",     "0000000000",    "0123456789",   "0987654321",
    "101010",         "1111",         "111111",       "11111111",      "1111111111",   "112233",
    "11223344",       "112233445566", "121212",       "123123",        "123123123",    "123321",
    "123321123",      "1234",         "12345",        "123456",        "1234567",      "12345678",
    "123456789",      "1234567890",   "1234567891",   "12345678910",   "123456789a",   "123456789q",
    "123456a",        "1234qwer",     "1234qwerty",   "123654",        "123abc",       "123qwe",
    "131313",         "147258",       "147258369",    "159357",        "159753",       "1q2w3e",
    "1q2w3e4r",       "1q2w3e4r5t",   "1q2w3e4r5t6y", "1qaz2wsx",      "1qaz2wsx3edc", "1qazxsw2",
    "2000",           "2020",         "202020",       "2021",          "2022",         "2023",
    "2024",           "2025",         "222222",       "246810",        "27653",        "333333",
    "420420",         "555555",       "654321",       "666666",        "6969",         "696969",
    "7654321",        "777777",       "7777777",      "87654321",      "888888",       "987654321",
    "9876543210",     "999999",       "a1b2c3",       "a1b2c3d4",      "aa123456",     "aaaaaa",
    "aaaaaaaa",       "abc123",       "abcd1234",     "abcdef",        "abcdefg",      "abcdefgh",
    "access",         "access14",     "admin",        "admin123",      "adminadmin",   "administrator",
    "administrator1", "amanda",       "andreas",      "andrew",        "angel",        "angels",
    "anthony",        "apple",        "apple123",     "arsenal",       "asd123",       "asdf1234",
    "asdfasdf",       "asdfgh",       "asdfghjkl",    "asdfghjkl1",    "ashley",       "azerty",
    "azerty123",      "babygirl",     "banana",       "barcelona",     "baseball",     "basketball",
    "batman",         "bayern",       "berlin",       "bienchen",      "blume",        "bonjour",
    "buster",         "butterfly",    "changeme",     "changeme123",   "charlie",      "cheese",
    "chelsea",        "chocolate",    "chouchou",     "computer",      "conference",   "contrasena",
    "contraseña",     "cookie",       "corvette",     "daniel",        "daniel1",      "default",
    "demo",           "demo123",      "dennis",       "deutschland",   "diamond",      "dortmund",
    "doudou",         "dragon",       "facebook",     "ferrari",       "flower",       "football",
    "freedom",        "frühling",     "fussball",     "geheim",        "geheim123",    "germany",
    "ginger",         "golden",       "google",       "guest",         "hallo",        "hallo123",
    "hallo1234",      "hamburg",      "harley",       "hase",          "hello",        "hello123",
    "herbst",         "hexe",         "hockey",       "hunter",        "hunter2",      "ichliebedich",
    "ilovepizza",     "iloveyou",     "iloveyou1",    "iloveyou123",   "internet",     "jennifer",
    "jessica",        "jordan",       "jordan23",     "joshua",        "juventus",     "killer",
    "lehrer",         "letmein",      "letmein1",     "letmein123",    "linkedin",     "liverpool",
    "login",          "loulou",       "love123",      "lovely",        "loveme",       "marseille",
    "master",         "master123",    "matrix",       "matthew",       "mausi",        "meeting",
    "meeting123",     "mercedes",     "merlin",       "michael",       "michael1",     "michelle",
    "mickey",         "microsoft",    "minecraft",    "mnbvcxz",       "money",        "money123",
    "monkey",         "motdepasse",   "muenchen",     "mustang",       "myspace1",     "naruto",
    "nicole",         "ninja",        "nokia",        "office",        "office365",    "orange",
    "p@ssw0rd",       "p@ssword",     "pa$$word",     "pass",          "pass123",      "pass1234",
    "passw0rd",       "passw0rd!",    "password",     "password!",     "password1",    "password1!",
    "password12",     "password123",  "password1234", "password12345", "password2",    "passwort",
    "passwort1",      "passwort123",  "pepper",       "plenum",        "plenum123",    "poiuytrewq",
    "pokemon",        "porsche",      "princess",     "princess1",     "purple",       "q1w2e3r4",
    "q1w2e3r4t5",     "q2w3e4r5",     "qazwsx",       "qazwsxedc",     "qazwsxedcrfv", "qwe123",
    "qweasd",         "qweasdzxc",    "qwer1234",     "qwerty",        "qwerty1",      "qwerty12",
    "qwerty123",      "qwerty1234",   "qwerty12345",  "qwerty123456",  "qwertyu",      "qwertyuiop",
    "qwertz",         "qwertz123",    "rainbow",      "realmadrid",    "robert",       "root",
    "root123",        "sabine",       "samsung",      "schalke04",     "schatz",       "schatz123",
    "schnecke",       "school",       "schule",       "schule123",     "secret",       "secret123",
    "shadow",         "silver",       "skype",        "soccer",        "soccer1",      "soleil",
    "sommer",         "sonne",        "starwars",     "stefan",        "student",      "summer",
    "sunshine",       "sunshine1",    "superman",     "sweety",        "teacher",      "teams",
    "test",           "test123",      "test1234",     "testtest",      "thomas",       "thomas1",
    "tigger",         "toor",         "trustno1",     "trustno1!",     "twitter",      "universitaet",
    "user",           "user123",      "welcome",      "welcome1",      "welcome1!",    "welcome123",
    "whatever",       "windows",      "winter",       "xsw2zaq1",      "yankees",      "youtube",
    "zaq12wsx",       "zaq1zaq1",     "zoom",         "zoom123",       "zoommeeting",  "zxcvbn",
    "zxcvbnm",        "zxcvbnm123",
};

constexpr bool is_ascii_lower(std::string_view text) {
  return std::ranges::none_of(text, [](char c) { return c >= 'A' && c <= 'Z'; });
}

static_assert(std::ranges::is_sorted(kCommonPasswords), "keep kCommonPasswords sorted");
static_assert(std::ranges::adjacent_find(kCommonPasswords) == kCommonPasswords.end(),
              "kCommonPasswords has duplicates");
static_assert(std::ranges::all_of(kCommonPasswords, is_ascii_lower), "kCommonPasswords must be lower case");

char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// No entry is longer than this; longer input cannot match and is not copied.
constexpr size_t kLongestEntry =
    std::ranges::max_element(kCommonPasswords, {}, &std::string_view::size)->size();

} // namespace

bool is_common_password(std::string_view password) noexcept {
  if (password.size() > kLongestEntry) return false;
  std::array<char, kLongestEntry> buffer{};
  std::ranges::transform(password, buffer.begin(), ascii_lower);
  const std::string_view lowered(buffer.data(), password.size());
  return std::ranges::binary_search(kCommonPasswords, lowered);
}

} // namespace plenum::auth
