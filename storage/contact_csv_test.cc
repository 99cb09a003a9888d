#include "storage/contact_csv.h"
#include <gtest/gtest.h>
TEST(Placeholder, Csv) {}
