/* Reference values for Xoshiro256StarStarTests: the public-domain reference implementations of
   SplitMix64 and xoshiro256** by Blackman and Vigna (https://prng.di.unimi.it/), unchanged.
   Build and run: gcc -O2 -o xoshiro_reference xoshiro_reference.c && ./xoshiro_reference > xoshiro_reference.txt
   Seeding as in the library: the four state words are four successive SplitMix64 outputs from the seed. */
#include <stdint.h>
#include <stdio.h>

static uint64_t x; /* SplitMix64 state */
static uint64_t splitmix64_next(void) {
    uint64_t z = (x += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}

static inline uint64_t rotl(const uint64_t v, int k) { return (v << k) | (v >> (64 - k)); }
static uint64_t s[4];
static uint64_t next(void) {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

int main(void) {
    uint64_t seeds[3] = {0, 1, 20160125};
    for (int k = 0; k < 3; k++) {
        x = seeds[k];
        printf("splitmix64 seed=%llu:", (unsigned long long)seeds[k]);
        for (int i = 0; i < 4; i++) printf(" %llu", (unsigned long long)splitmix64_next());
        printf("\n");
        x = seeds[k];
        for (int i = 0; i < 4; i++) s[i] = splitmix64_next();
        printf("xoshiro256** seed=%llu:", (unsigned long long)seeds[k]);
        for (int i = 0; i < 6; i++) printf(" %llu", (unsigned long long)next());
        printf("\n");
        /* NextDouble: (next() >> 11) * 2^-53 */
        printf("double seed=%llu:", (unsigned long long)seeds[k]);
        for (int i = 0; i < 3; i++) printf(" %.17g", (double)(next() >> 11) * 0x1.0p-53);
        printf("\n");
    }
    return 0;
}
