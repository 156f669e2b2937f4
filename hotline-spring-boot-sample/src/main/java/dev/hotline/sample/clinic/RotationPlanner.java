package dev.hotline.sample.clinic;

/** Scores every order in which vets could take the night shifts: pure CPU work, as a planning step would be. */
final class RotationPlanner {
    private RotationPlanner() {}

    static long bestScore(int vets) {
        int[] order = new int[vets];
        for (int i = 0; i < vets; i++) order[i] = i;
        long best = Long.MIN_VALUE;
        for (int round = 0; round < 15; round++) {
            best = Math.max(best, permute(order, 0, round));
        }
        return best;
    }

    private static long permute(int[] a, int k, int salt) {
        if (k == a.length) {
            long score = 0;
            for (int i = 0; i < a.length; i++) score = score * 31 + (long) a[i] * (i + salt) % 13;
            return score;
        }
        long best = Long.MIN_VALUE;
        for (int i = k; i < a.length; i++) {
            swap(a, k, i);
            best = Math.max(best, permute(a, k + 1, salt));
            swap(a, k, i);
        }
        return best;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
