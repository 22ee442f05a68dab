#!/usr/bin/python3
"""A platform export of N certificate rows (valid ID numbers, Zhengzhou
numbers) for the PDF batch benchmark: python3 files_export.py N > export.csv"""
import random, sys

def check(id17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * k for c, k in zip(id17, w)) % 11]

n = int(sys.argv[1])
rng = random.Random(5)
surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
print("name,id_number,number,year,revision,hours_public,hours_professional,hours_compulsory,reduction,months_at_post,issuer_region,issued")
for i in range(n):
    name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2)))
    id17 = "410102%04d%02d%02d%03d" % (rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 999))
    year = rng.choice([2023, 2024, 2025])
    print("%s,%s,41010%08d,%d,,%d,%d,,,,410100,%d-12-20" % (name, id17 + check(id17), 200000 + i, year,
          rng.randint(30, 40), rng.randint(60, 80), year))
