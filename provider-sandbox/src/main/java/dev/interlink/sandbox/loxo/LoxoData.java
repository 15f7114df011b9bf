package dev.interlink.sandbox.loxo;

final class LoxoData {
    LoxoData(long seed, int n) {}
}
