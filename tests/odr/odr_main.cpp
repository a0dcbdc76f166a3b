// Runs both translation units of the ODR test on the same documents; they must agree.
#include <iostream>
#include <string>

std::string odr_summary_a(const std::string& text);
std::string odr_summary_b(const std::string& text);

int main() {
    const std::string documents[] = {
        "{}",
        R"({"type": "Feature", "stac_version": "1.0.0", "stac_extensions": ["dl-model"],
            "properties": {"dlm:data": {"dtype": "uint8"}}})",
    };
    int failures = 0;
    for (const std::string& text : documents) {
        const std::string a = odr_summary_a(text);
        const std::string b = odr_summary_b(text);
        if (a != b) {
            std::cerr << "the two translation units disagree: " << a << " vs " << b << '\n';
            ++failures;
        }
    }
    std::cout << (failures == 0 ? "both translation units agree\n" : "");
    return failures == 0 ? 0 : 1;
}
