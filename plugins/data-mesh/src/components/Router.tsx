import { Route, Routes } from 'react-router-dom';
import { DataProductPage } from './DataProductPage';
import { DataProductsPage } from './DataProductsPage';

/** The plugin's pages under its mount point. */
export function Router() {
  return (
    <Routes>
      <Route path="/" element={<DataProductsPage />} />
      <Route path="/products/:domain/:name" element={<DataProductPage />} />
    </Routes>
  );
}
