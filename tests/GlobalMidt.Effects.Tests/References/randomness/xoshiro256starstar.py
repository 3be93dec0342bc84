M=(1<<64)-1
def sm(x):
    x=(x+0x9E3779B97F4A7C15)&M; z=x
    z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M
    z=((z^(z>>27))*0x94D049BB133111EB)&M
    return x, z^(z>>31)
def rotl(x,k): return ((x<<k)|(x>>(64-k)))&M
x=12345; s=[]
for i in range(4):
    x,v=sm(x); s.append(v)
out=[]
for i in range(3):
    r=(rotl((s[1]*5)&M,7)*9)&M
    t=(s[1]<<17)&M
    s[2]^=s[0]; s[3]^=s[1]; s[1]^=s[2]; s[0]^=s[3]; s[2]^=t; s[3]=rotl(s[3],45)
    out.append(hex(r))
print(out)
