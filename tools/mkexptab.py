"""Writes src/nn_exp_table.h, the table of 2^(i/128) that the four-lane exp uses.

usage: mkexptab.py > src/nn_exp_table.h      (make check-vmath compares)

The C library's exp (glibc's, by Szabolcs Nagy) writes exp(x) as
2^(k/128) exp(r) and keeps, for i = 0 .. 127, two words:
  tab[2i]      the bits of T_i, with 2^(i/128) = H_i (1 + T_i),
  tab[2i + 1]  the bits of H_i, minus i << 45,
where H_i is 2^(i/128) rounded to the nearest double and T_i is the
relative remainder 2^(i/128) / H_i - 1 rounded to the nearest double.
Subtracting i << 45 lets the code add k << 45 to get 2^(k/128)'s exponent
and index together.  The four-lane exp must use the very same words.

The values come from 80-digit decimal arithmetic (Python's decimal, whose
exp is correctly rounded), far more than enough to round H_i and T_i
correctly; float() of a Decimal rounds to the nearest double.
"""
import struct
from decimal import Decimal, getcontext

N = 128


def bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def table():
    getcontext().prec = 80
    ln2 = Decimal(2).ln()
    words = []
    for i in range(N):
        y = (ln2 * i / N).exp()  # 2^(i/N)
        h = float(y)
        t = float(y / Decimal(h) - 1)
        words.append(bits(t))
        words.append((bits(h) - (i << 45)) % 2**64)
    return words


def main():
    words = table()
    print('/* nn_exp_table.h: 2^(i/128) for the four-lane exp, as the C library keeps it.')
    print(' * Written by tools/mkexptab.py, which says what each word is; do not edit. */')
    print('static const uint64_t exp_table[2 * 128] = {')
    for k in range(0, len(words), 4):
        print('    ' + ' '.join('0x%016xULL,' % w for w in words[k:k + 4]))
    print('};')


if __name__ == '__main__':
    main()
