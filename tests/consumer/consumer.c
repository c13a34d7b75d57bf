/* A C program built against an installed winnow with pkg-config. Prints the
 * library version when the chrome was removed. */
#include <winnow/winnow.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  static const char page[] =
      "A first paragraph that is long enough to read as prose.\n\nAdvertisement\n\n"
      "A second paragraph that is long enough to read as prose too.\n";
  winnow_result *r = NULL;
  winnow_status s = winnow_clean_text(page, strlen(page), NULL, &r);
  int ok = s == WINNOW_OK && strstr(winnow_result_text(r, NULL), "Advertisement") == NULL &&
           strstr(winnow_result_text(r, NULL), "second paragraph") != NULL;
  if (!ok) fprintf(stderr, "consumer: %s\n", r ? winnow_result_error(r) : winnow_status_name(s));
  winnow_result_free(r);
  if (!ok) return 1;
  printf("%s\n", winnow_version());
  return 0;
}
