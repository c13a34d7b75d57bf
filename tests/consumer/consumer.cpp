// A scraper-like program built against an installed winnow: it must find the
// header, link, and get the chrome removed. Prints the library version.
#include <winnow/winnow.hpp>

#include <iostream>

int main() {
  winnow::Options options;
  options.favor = winnow::Favor::Precision;
  winnow::Result r = winnow::clean_text(
      "A first paragraph that is long enough to read as prose.\n\nAdvertisement\n\n"
      "A second paragraph that is long enough to read as prose too.\n",
      options);
  if (!r.ok()) {
    std::cerr << "consumer: " << r.error << '\n';
    return 1;
  }
  if (r.text.find("Advertisement") != std::string::npos ||
      r.text.find("second paragraph") == std::string::npos) {
    std::cerr << "consumer: unexpected text:\n" << r.text << '\n';
    return 1;
  }
  std::cout << winnow::version() << '\n';
  return 0;
}
