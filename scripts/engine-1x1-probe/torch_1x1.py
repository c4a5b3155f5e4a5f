import torch, time, sys, torch.nn.functional as F
torch.set_num_threads(2)
cl = sys.argv[1] == 'true'
shapes = [(64,256,56,1),(256,64,56,1),(256,128,56,1),(128,512,28,1),(512,128,28,1),(256,512,56,2),(512,256,28,1),(256,1024,14,1),(1024,256,14,1),(512,1024,28,2),(1024,512,14,1),(512,2048,7,1),(2048,512,7,1),(1024,2048,14,2)]
tot = 0; fl = 0
for c, o, hw, s in shapes:
    best = 1e9
    for rep in range(3):
        x = torch.randn(16, c, hw, hw)
        if cl: x = x.contiguous(memory_format=torch.channels_last)
        w = (torch.randn(o, c, 1, 1) * 0.05)
        x.requires_grad_(); w.requires_grad_()
        t = time.perf_counter(); y = F.conv2d(x, w, None, s); y.sum().backward(); best = min(best, time.perf_counter() - t)
    tot += best; fl += 3 * 2 * 16 * c * o * (hw // s) ** 2 / 1e9
print(f"torch {torch.__version__} channels-last {cl}: sum of best {tot*1000:.0f} ms, {fl:.1f} GFLOP, {fl/tot:.0f} GFLOP/s")
