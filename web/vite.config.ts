import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  // HEXIE_API points the dev proxy at another API port (default: the server's 8080).
  const api = loadEnv(mode, '.', 'HEXIE_').HEXIE_API ?? 'http://localhost:8080';
  return {
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // The largest chunk is ECharts (~570 kB, home page only); antd is split by page.
      chunkSizeWarningLimit: 1000,
      rolldownOptions: {
        output: {
          // React and ECharts in named chunks that change only on upgrades; ECharts loads with the home page only.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
              {
                name: 'echarts',
                test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/,
                priority: 20,
              },
            ],
          },
        },
      },
    },
    server: {
      port: 5173,
      proxy: { '/api': api, '/healthz': api, '/readyz': api },
    },
  };
});
