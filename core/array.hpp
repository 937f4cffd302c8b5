// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <memory>
#include <new>
#include <vector>

namespace airshed {

/// 64-byte aligned allocator so that each species array starts on a cache line and SIMD loads are aligned.
template <class T>
struct AlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t alignment{64};
  AlignedAllocator() = default;
  template <class U>
  AlignedAllocator(const AlignedAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), alignment)); }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, alignment); }
  template <class U>
  bool operator==(const AlignedAllocator<U>&) const noexcept { return true; }
};

template <class T>
using aligned_vector = std::vector<T, AlignedAllocator<T>>;

/// Dense 3-D array without halo, x fastest: element (i, j, k) at i + n0*(j + n1*k).
/// Used for meteorology and I/O buffers; the transported state uses Field3 (with halo) instead.
struct Array3 {
  int n0 = 0, n1 = 0, n2 = 0;
  aligned_vector<double> data;

  Array3() = default;
  Array3(int a, int b, int c, double value = 0.0)
      : n0(a), n1(b), n2(c), data(static_cast<std::size_t>(a) * b * c, value) {}
  double& operator()(int i, int j, int k) { return data[i + static_cast<std::size_t>(n0) * (j + n1 * k)]; }
  double operator()(int i, int j, int k) const {
    return data[i + static_cast<std::size_t>(n0) * (j + n1 * k)];
  }
  const double* ptr(int i, int j, int k) const { return &data[i + static_cast<std::size_t>(n0) * (j + n1 * k)]; }
  bool empty() const { return data.empty(); }
  std::size_t size() const { return data.size(); }
};

/// Dense 2-D array, x fastest.
struct Array2 {
  int n0 = 0, n1 = 0;
  aligned_vector<double> data;

  Array2() = default;
  Array2(int a, int b, double value = 0.0) : n0(a), n1(b), data(static_cast<std::size_t>(a) * b, value) {}
  double& operator()(int i, int j) { return data[i + static_cast<std::size_t>(n0) * j]; }
  double operator()(int i, int j) const { return data[i + static_cast<std::size_t>(n0) * j]; }
  bool empty() const { return data.empty(); }
  std::size_t size() const { return data.size(); }
};

}  // namespace airshed
