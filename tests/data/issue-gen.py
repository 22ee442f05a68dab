#!/usr/bin/env python3
"""Writes a synthetic platform export of N rows (fictional people) to stdout,
for tests/sh/issue_batch.sh and tests/bench/issue.sh. Deterministic: the same
N and seed give the same file. Usage: issue-gen.py N [SEED] [REGION-PREFIX]"""
import random, sys

def idnum(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(a) * b for a, b in zip(first17, w)) % 11]

n = int(sys.argv[1])
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
sur = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
giv = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红鹏建飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢佳阳慧颖琳晶晓丹雪梅倩婷"
print("name,id_number,number,year,hours_public,hours_professional,issuer_region,issued")
for i in range(n):
    name = rnd.choice(sur) + "".join(rnd.choice(giv) for _ in range(rnd.choice([1, 2, 2])))
    first = "4101%02d%d%02d%02d%03d" % (rnd.randint(2, 99), rnd.randint(1960, 2001), rnd.randint(1, 12),
                                        rnd.randint(1, 28), rnd.randint(0, 999))
    print(",".join([name, idnum(first), "4101%02d%07d" % (rnd.randint(2, 99), i + 1), "2025",
                    str(rnd.randint(30, 40)), str(rnd.randint(60, 80)), "410100", "2025-12-20"]))
